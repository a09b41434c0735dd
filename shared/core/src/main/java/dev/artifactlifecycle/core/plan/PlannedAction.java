package dev.artifactlifecycle.core.plan;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import java.util.Objects;

/**
 * One object operation the plan calls for.
 *
 * @param toStorageClass the target class of a TRANSITION; null for a DELETE
 * @param controlFile    the run's manifest or a marker: deleted only after the run's other objects are gone
 */
public record PlannedAction(
        ActionType type,
        StoredObject object,
        String pipeline,
        String runId,
        String runPrefix,
        StorageClass toStorageClass,
        String rule,
        String reason,
        boolean controlFile) {

    public PlannedAction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(object, "object");
        if ((type == ActionType.TRANSITION) != (toStorageClass != null)) {
            throw new IllegalArgumentException("a TRANSITION needs a target class and a DELETE has none");
        }
        if ((type == ActionType.DELETE_VERSION) != (object.versionId() != null)) {
            throw new IllegalArgumentException("a DELETE_VERSION, and only it, names a version id");
        }
    }

    public String key() {
        return object.key();
    }
}
