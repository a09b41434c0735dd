package dev.artifactlifecycle.core.policy;

import static dev.artifactlifecycle.core.model.StorageClass.DEEP_ARCHIVE;
import static dev.artifactlifecycle.core.model.StorageClass.GLACIER;
import static dev.artifactlifecycle.core.model.StorageClass.GLACIER_IR;
import static dev.artifactlifecycle.core.model.StorageClass.STANDARD_IA;

import java.util.Locale;
import java.util.Optional;

/**
 * Presets: the classic aggressive / moderate / conservative / archive cleanup strategies mapped onto S3 tiers. Each
 * leaves a class no earlier than that class's minimum storage duration (30 d IA, 90 d GLACIER_IR/GLACIER, 180 d
 * DEEP_ARCHIVE), so a preset never pays an early-deletion fee.
 */
public enum Strategy {
    AGGRESSIVE(new Settings(3, null, null, null, null, 3, null), 1, 1),
    MODERATE(new Settings(5, 30, STANDARD_IA, 120, GLACIER, 365, null), 1, 14),
    CONSERVATIVE(new Settings(14, 30, GLACIER_IR, 180, DEEP_ARCHIVE, 1095, null), 3, 30),
    ARCHIVE(new Settings(5, 30, GLACIER_IR, 120, DEEP_ARCHIVE, null, null), null, null);

    private final Settings settings;
    private final Integer failedKeepLastRuns;
    private final Integer failedExpireAfterDays;

    Strategy(Settings settings, Integer failedKeepLastRuns, Integer failedExpireAfterDays) {
        this.settings = settings;
        this.failedKeepLastRuns = failedKeepLastRuns;
        this.failedExpireAfterDays = failedExpireAfterDays;
    }

    public static final Strategy DEFAULT = MODERATE;

    public static Optional<Strategy> named(String name) {
        for (Strategy s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Settings settings() {
        return settings;
    }

    /** The preset's own overrides for failed runs, applied on top of the rule's effective settings. */
    Settings failedOverrides(Settings ruleSettings) {
        Settings s = ruleSettings;
        if (failedKeepLastRuns != null) {
            s = s.withKeepLastRuns(failedKeepLastRuns);
        }
        if (failedExpireAfterDays != null) {
            s = s.withExpireAfterDays(failedExpireAfterDays);
        }
        return s;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
