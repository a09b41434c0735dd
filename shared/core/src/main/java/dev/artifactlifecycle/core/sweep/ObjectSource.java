package dev.artifactlifecycle.core.sweep;

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
}
