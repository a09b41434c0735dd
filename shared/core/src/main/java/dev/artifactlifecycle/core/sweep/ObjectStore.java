package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import java.util.List;

/** Changes a bucket. Implementations report per-object failures as outcomes rather than throwing. */
public interface ObjectStore {
    /** S3's DeleteObjects takes at most this many keys per request. */
    int MAX_DELETE_BATCH = 1000;

    /** Moves an object to a colder class in place, keeping its metadata, content type and tags. */
    ObjectOutcome transition(String bucket, StoredObject object, StorageClass target);

    /** Deletes at most {@link #MAX_DELETE_BATCH} objects; one outcome per object, in the same order. */
    List<ObjectOutcome> delete(String bucket, List<StoredObject> batch);
}
