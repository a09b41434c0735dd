package dev.artifactlifecycle.core.sweep;

public enum Outcome {
    /** Dry run: what would be done. */
    PLANNED,
    /** Audit only: written before the S3 call, replaced by DONE or FAILED after it (or by reconciliation). */
    PENDING,
    DONE,
    FAILED
}
