package dev.artifactlifecycle.core.model;

public enum FindingType {
    /** A key under the prefix that does not fit the layout pattern; never touched. */
    ORPHAN,
    /** A run manifest that is not valid JSON, not an object, too large, or has an unreadable field. */
    CORRUPT_MANIFEST,
    /** An in-progress run older than the grace period; treated as FAILED. */
    STALE_IN_PROGRESS,
    /** An object in GLACIER or DEEP_ARCHIVE that a rule would move: S3 cannot copy it without a restore. */
    REQUIRES_RESTORE,
    /** An object whose storage class this tool does not know; never transitioned. */
    UNKNOWN_STORAGE_CLASS,
    /** The kill switch turned an apply into a dry run. */
    KILL_SWITCH,
    /** The plan is over a safety limit (maxDeletesPerSweep, maxDeleteFraction): the apply is, or would be, aborted. */
    GUARD,
    /** The plan was over a safety limit and the apply went ahead because it was forced. */
    GUARD_OVERRIDDEN,
    /** Another sweep holds the lease on this sweep's scope or on one of its pipelines. */
    LEASE_HELD,
    /** A sweep that stopped mid-way left PENDING audit items; they were checked against S3 and resolved. */
    RECONCILED,
    /** This sweep stopped before its time limit and saved a checkpoint to continue from. */
    CHECKPOINT,
    /** This sweep continues an earlier one from its checkpoint. */
    RESUMED,
    /** About the bucket's versioning: deletes are recoverable (and how), or noncurrent cleanup cannot run. */
    VERSIONING
}
