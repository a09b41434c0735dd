package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.plan.PlannedAction;
import java.time.Instant;
import java.util.List;

/**
 * Where every change, and every sweep's summary, is written down. Write-ahead: an action's intent is written
 * (PENDING) before its S3 call and its outcome (DONE or FAILED) after, to the same item, so a sweep killed between
 * the two leaves a PENDING item for {@link Reconciler} rather than a mutation nobody recorded. Writes are idempotent
 * per item (keyed by sweep and object).
 */
public interface AuditLog {
    /** Records actions about to be performed, as PENDING. Throws when they cannot be recorded: then nothing is done. */
    void recordIntents(String sweepId, String bucket, List<PlannedAction> actions);

    /** Records performed actions (outcome DONE or FAILED). Throws when they cannot be recorded. */
    void recordActions(String sweepId, String bucket, List<ActionResult> results);

    /** Records the sweep's summary item, dry runs included. */
    void recordSummary(SweepReport report);

    /** The actions of a sweep still PENDING. */
    List<PendingAction> pendingActions(String sweepId);

    /** Settles a PENDING item after checking S3, only if it is still PENDING. */
    void resolve(String sweepId, PendingAction action, Outcome outcome, String note, Instant at);

    /** For --no-audit and for dry runs without a table. */
    AuditLog NONE = new AuditLog() {
        @Override
        public void recordIntents(String sweepId, String bucket, List<PlannedAction> actions) {}

        @Override
        public void recordActions(String sweepId, String bucket, List<ActionResult> results) {}

        @Override
        public void recordSummary(SweepReport report) {}

        @Override
        public List<PendingAction> pendingActions(String sweepId) {
            return List.of();
        }

        @Override
        public void resolve(String sweepId, PendingAction action, Outcome outcome, String note, Instant at) {}
    };
}
