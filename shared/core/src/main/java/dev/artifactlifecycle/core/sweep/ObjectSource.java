package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.BucketVersioning;
import dev.artifactlifecycle.core.model.ObjectVersion;
import dev.artifactlifecycle.core.model.StoredObject;
import java.util.Iterator;
import java.util.Optional;

/** Reads a bucket. Implementations must list in key order, as S3's ListObjectsV2 does. */
public interface ObjectSource {
    /** Streams every object under {@code prefix}, page by page, in key order. */
    Iterator<StoredObject> list(String bucket, String prefix);

    /**
     * Reads at most {@code maxBytes + 1} bytes of an object (one more than allowed tells the caller it was too big).
     * Empty when the object no longer exists.
     *
     * @throws RuntimeException when it exists but cannot be read
     */
    Optional<byte[]> read(String bucket, String key, int maxBytes);

    /** The object's current state (HeadObject), or empty when it does not exist. */
    Optional<StoredObject> head(String bucket, String key);

    /** The bucket's versioning state (GetBucketVersioning). */
    default BucketVersioning versioning(String bucket) {
        return BucketVersioning.DISABLED;
    }

    /** Every version and delete marker under {@code prefix}, keys in order, each key's versions newest first. */
    default Iterator<ObjectVersion> listVersions(String bucket, String prefix) {
        throw new UnsupportedOperationException("this source does not list versions");
    }

    /** Whether that version (or delete marker) still exists. */
    default boolean versionExists(String bucket, String key, String versionId) {
        throw new UnsupportedOperationException("this source does not read versions");
    }
}
