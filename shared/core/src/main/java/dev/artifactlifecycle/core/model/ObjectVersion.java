package dev.artifactlifecycle.core.model;

import java.time.Instant;
import java.util.Objects;

/** One version of a key in a versioned bucket, as ListObjectVersions reports it. */
public record ObjectVersion(String key, String versionId, boolean latest, boolean deleteMarker, long sizeBytes,
        String storageClass, Instant lastModified) {
    public ObjectVersion {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
