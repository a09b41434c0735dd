package dev.artifactlifecycle.core.model;

import java.util.Locale;
import java.util.Set;

public enum RunStatus {
    SUCCEEDED,
    FAILED,
    IN_PROGRESS,
    UNKNOWN;

    private static final Set<String> SUCCEEDED_WORDS = Set.of("succeeded", "success", "completed", "complete", "passed");
    private static final Set<String> FAILED_WORDS =
            Set.of("failed", "failure", "error", "errored", "cancelled", "canceled", "aborted");
    private static final Set<String> IN_PROGRESS_WORDS =
            Set.of("running", "pending", "in_progress", "started", "queued");

    /** Reads a manifest's {@code status}, case-insensitively; anything unrecognised is UNKNOWN. */
    public static RunStatus fromManifest(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String word = value.trim().toLowerCase(Locale.ROOT);
        if (SUCCEEDED_WORDS.contains(word)) {
            return SUCCEEDED;
        }
        if (FAILED_WORDS.contains(word)) {
            return FAILED;
        }
        if (IN_PROGRESS_WORDS.contains(word)) {
            return IN_PROGRESS;
        }
        return UNKNOWN;
    }
}
