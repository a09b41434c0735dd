package dev.artifactlifecycle.core.sweep;

public enum SweepStatus {
    SUCCEEDED,
    /** Finished, but some actions failed or some pipelines were skipped. */
    PARTIAL,
    /** Stopped by an error (listing or audit failed). */
    FAILED,
    /** Stopped by a safety guard before any change. */
    ABORTED
}
