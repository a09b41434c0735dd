package dev.artifactlifecycle.core.sweep;

public enum Outcome {
    /** Dry run: what would be done. */
    PLANNED,
    DONE,
    FAILED
}
