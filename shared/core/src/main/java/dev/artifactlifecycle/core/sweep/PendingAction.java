package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.plan.ActionType;
import java.util.Objects;

/** An audit item still PENDING: its intent was written, its outcome never was. {@code versionId}: DELETE_VERSION. */
public record PendingAction(String bucket, String key, String runPrefix, ActionType type, StorageClass toStorageClass,
        String versionId) {
    public PendingAction {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(runPrefix, "runPrefix");
        Objects.requireNonNull(type, "type");
    }
}
