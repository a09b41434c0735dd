package dev.artifactlifecycle.core.model;

/** A bucket's versioning state, as GetBucketVersioning reports it (never enabled reads as DISABLED). */
public enum BucketVersioning {
    DISABLED,
    ENABLED,
    SUSPENDED;

    /** Deletes add delete markers and old versions may exist. */
    public boolean keepsVersions() {
        return this != DISABLED;
    }
}
