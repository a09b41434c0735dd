package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import java.util.List;

/** What a dry run gets instead of S3: a store that cannot change anything, so no wiring mistake can. */
public enum ReadOnlyObjectStore implements ObjectStore {
    INSTANCE;

    @Override
    public ObjectOutcome transition(String bucket, StoredObject object, StorageClass target) {
        throw new IllegalStateException("a dry run must not change S3 (transition of " + object.key() + ")");
    }

    @Override
    public List<ObjectOutcome> delete(String bucket, List<StoredObject> batch) {
        throw new IllegalStateException("a dry run must not change S3 (delete of " + batch.size() + " objects)");
    }
}
