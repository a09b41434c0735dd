package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.plan.ActionType;
import java.time.Clock;
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
        int done = 0;
        int notDone = 0;
        for (PendingAction p : audit.pendingActions(sweepId)) {
            Verdict v = check(p);
            audit.resolve(sweepId, p, v.done() ? Outcome.DONE : Outcome.FAILED, v.note(), clock.instant());
            if (v.done()) {
                done++;
            } else {
                notDone++;
            }
        }
        return new Result(sweepId, done, notDone);
    }

    private record Verdict(boolean done, String note) {}

    /** Whether the pending action happened, judged by what is in S3 now. */
    private Verdict check(PendingAction p) {
        if (p.type() == ActionType.DELETE_VERSION) {
            return source.versionExists(p.bucket(), p.key(), p.versionId())
                    ? new Verdict(false, "reconciled: the sweep stopped before deleting this version; it is still"
                            + " there and a later sweep plans it again")
                    : new Verdict(true, "reconciled: the sweep stopped before recording this; the version is gone");
        }
        Optional<StoredObject> now = source.head(p.bucket(), p.key());
        if (p.type() == ActionType.DELETE) {
            return now.isEmpty()
                    ? new Verdict(true, "reconciled: the sweep stopped before recording this; the object is gone")
                    : new Verdict(false, "reconciled: the sweep stopped before deleting this; the object is still"
                            + " there and a later sweep plans it again");
        }
        if (now.isEmpty()) {
            return new Verdict(false, "reconciled: the sweep stopped mid-way and the object no longer exists"
                    + " (deleted by someone else)");
        }
        String cls = now.get().storageClass();
        Optional<StorageClass> known = StorageClass.fromS3(cls);
        return known.isPresent() && known.get().isAtLeastAsColdAs(p.toStorageClass())
                ? new Verdict(true, "reconciled: the sweep stopped before recording this; the object is in " + cls)
                : new Verdict(false, "reconciled: the sweep stopped before this copy; the object is still in " + cls
                        + " and a later sweep plans it again");
    }
}
