package dev.artifactlifecycle.core.policy;

public record Defaults(long minTransitionSizeBytes, int inProgressGraceDays) {
    public static final long DEFAULT_MIN_TRANSITION_SIZE_BYTES = 128 * 1024;
    public static final int DEFAULT_IN_PROGRESS_GRACE_DAYS = 2;

    public Defaults {
        if (minTransitionSizeBytes < 0 || inProgressGraceDays < 0) {
            throw new IllegalArgumentException("defaults must be >= 0");
        }
    }
}
