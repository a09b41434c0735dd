package dev.artifactlifecycle.core.policy;

/**
 * The policy's {@code safety} block.
 *
 * @param dryRunOnly         the kill switch: every sweep under this policy is a dry run
 * @param maxDeletesPerSweep an apply that plans more object deletes than this is aborted before any change
 * @param maxDeleteFraction  an apply that plans to delete more than this fraction of the objects it listed is aborted
 *                           before any change; 1.0 turns the check off
 */
public record Safety(boolean dryRunOnly, int maxDeletesPerSweep, double maxDeleteFraction) {
    public static final int DEFAULT_MAX_DELETES = 10_000;
    public static final double DEFAULT_MAX_DELETE_FRACTION = 0.5;
    public static final Safety DEFAULTS = new Safety(false, DEFAULT_MAX_DELETES, DEFAULT_MAX_DELETE_FRACTION);

    public Safety {
        if (maxDeletesPerSweep < 0) {
            throw new IllegalArgumentException("maxDeletesPerSweep must be >= 0, got " + maxDeletesPerSweep);
        }
        if (!(maxDeleteFraction > 0 && maxDeleteFraction <= 1)) {
            throw new IllegalArgumentException("maxDeleteFraction must be in (0, 1], got " + maxDeleteFraction);
        }
    }

    public Safety withDryRunOnly() {
        return new Safety(true, maxDeletesPerSweep, maxDeleteFraction);
    }
}
