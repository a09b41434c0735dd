package dev.artifactlifecycle.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One object as listed: what the planner needs to decide about it. {@code versionId} is set only for a noncurrent
 * version of a versioned bucket (a {@code DELETE_VERSION} target); a current object has none.
 */
public record StoredObject(String key, long sizeBytes, String storageClass, Instant lastModified, String etag,
        String versionId) {
    /** A current object. */
    public StoredObject(String key, long sizeBytes, String storageClass, Instant lastModified, String etag) {
        this(key, sizeBytes, storageClass, lastModified, etag, null);
    }

    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes + " for " + key);
        }
        // S3 omits the class for STANDARD objects on HEAD; normalise so comparisons never see null.
        storageClass = storageClass == null || storageClass.isBlank() ? StorageClass.STANDARD.name() : storageClass;
    }
}
