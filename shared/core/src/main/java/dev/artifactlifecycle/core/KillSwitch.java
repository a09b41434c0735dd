package dev.artifactlifecycle.core;

import java.util.Locale;
import java.util.Map;

/**
 * The emergency stop: with {@value #ENV}=true in the environment (or {@code safety.dryRunOnly: true} in the policy)
 * every sweep, whatever it was asked to do, runs as a dry run and says so.
 */
public final class KillSwitch {
    public static final String ENV = "ARTIFACT_LIFECYCLE_DRY_RUN_ONLY";

    private KillSwitch() {}

    /** @throws InvalidInputException when the variable holds anything but true or false */
    public static boolean fromEnvironment(Map<String, String> env) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException(ENV + "=" + v + " must be true or false");
        };
    }
}
