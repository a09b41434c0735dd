package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.plan.ActionType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Settles the PENDING audit items of a sweep that stopped between writing an intent and writing its outcome, by
 * looking at the object now: a transition whose object is in the target class (or colder) and a delete whose object
 * is gone were done; anything else was not, and the next plan simply proposes it again.
 */
final class Reconciler {
    record Result(String sweepId, int done, int notDone) {}

    private final ObjectSource source;
    private final AuditLog audit;
    private final Clock clock;

    Reconciler(ObjectSource source, AuditLog audit, Clock clock) {
        this.source = source;
        this.audit = audit;
        this.clock = clock;
    }

    Result reconcile(String sweepId) {
        List<PendingAction> pending = audit.pendingActions(sweepId);
        int done = 0;
        int notDone = 0;
        for (PendingAction p : pending) {
            boolean wasDone;
            String note;
            if (p.type() == ActionType.DELETE_VERSION) {
                wasDone = !source.versionExists(p.bucket(), p.key(), p.versionId());
                note = wasDone ? "reconciled: the sweep stopped before recording this; the version is gone"
                        : "reconciled: the sweep stopped before deleting this version; it is still there and a later"
                                + " sweep plans it again";
                audit.resolve(sweepId, p, wasDone ? Outcome.DONE : Outcome.FAILED, note, clock.instant());
                if (wasDone) {
                    done++;
                } else {
                    notDone++;
                }
                continue;
            }
            Optional<StoredObject> now = source.head(p.bucket(), p.key());
            if (p.type() == ActionType.DELETE) {
                wasDone = now.isEmpty();
                note = wasDone ? "reconciled: the sweep stopped before recording this; the object is gone"
                        : "reconciled: the sweep stopped before deleting this; the object is still there and a later"
                                + " sweep plans it again";
            } else if (now.isEmpty()) {
                wasDone = false;
                note = "reconciled: the sweep stopped mid-way and the object no longer exists (deleted by someone"
                        + " else)";
            } else {
                Optional<StorageClass> cls = StorageClass.fromS3(now.get().storageClass());
                wasDone = cls.isPresent() && cls.get().isAtLeastAsColdAs(p.toStorageClass());
                note = wasDone ? "reconciled: the sweep stopped before recording this; the object is in "
                        + now.get().storageClass()
                        : "reconciled: the sweep stopped before this copy; the object is still in "
                                + now.get().storageClass() + " and a later sweep plans it again";
            }
            audit.resolve(sweepId, p, wasDone ? Outcome.DONE : Outcome.FAILED, note, clock.instant());
            if (wasDone) {
                done++;
            } else {
                notDone++;
            }
        }
        return new Result(sweepId, done, notDone);
    }
}
