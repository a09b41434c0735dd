package dev.artifactlifecycle.core.plan;

/** What the plan does with a whole run. */
public enum Disposition {
    KEEP,
    ARCHIVE,
    LONG_TERM,
    EXPIRE,
    /** Retained by manifest or keep marker: never touched, still ranked. */
    PINNED,
    /** Still running, within the grace period: never touched, not ranked. */
    IN_PROGRESS,
    /** No rule of the policy governs the pipeline. */
    NO_RULE
}
