package dev.artifactlifecycle.core.model;

import java.time.Instant;
import java.util.Objects;

/** One object as listed: what the planner needs to decide about it. */
public record StoredObject(String key, long sizeBytes, String storageClass, Instant lastModified, String etag) {
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
