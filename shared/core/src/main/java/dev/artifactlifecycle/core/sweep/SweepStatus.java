package dev.artifactlifecycle.core.sweep;

public enum SweepStatus {
    SUCCEEDED,
    /** Finished, but some actions failed or some pipelines were skipped. */
    PARTIAL,
    /** Stopped by an error (listing or audit failed). */
    FAILED,
    /**
     * Stopped by a safety guard: before any change when the whole plan is over a limit, or before the next pipeline
     * when the bucket grew past a limit between planning and acting.
     */
    ABORTED,
    /** Not run: another sweep holds the lease on this scope, or the event was already handled. */
    SKIPPED,
    /** Stopped before its time limit with a checkpoint; a continuation with the same sweep id finishes it. */
    CONTINUED
}
