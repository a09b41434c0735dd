package dev.artifactlifecycle.core.plan;

public enum ActionType {
    TRANSITION,
    DELETE,
    /** Permanently deletes one noncurrent version of a versioned bucket ({@code noncurrentVersions}). */
    DELETE_VERSION;

    /** Whether it removes data (the guard counts these). */
    public boolean deletes() {
        return this != TRANSITION;
    }
}
