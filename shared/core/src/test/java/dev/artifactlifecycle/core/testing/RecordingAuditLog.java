package dev.artifactlifecycle.core.testing;

import dev.artifactlifecycle.core.plan.PlannedAction;
import dev.artifactlifecycle.core.sweep.ActionResult;
import dev.artifactlifecycle.core.sweep.AuditLog;
import dev.artifactlifecycle.core.sweep.Outcome;
import dev.artifactlifecycle.core.sweep.PendingAction;
import dev.artifactlifecycle.core.sweep.SweepReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An audit table in memory: one item per (sweep, key), overwritten in place as the real table's items are, plus the
 * order of every write for tests of write-ahead.
 */
public final class RecordingAuditLog implements AuditLog {
    public record Item(String sweepId, PendingAction action, Outcome outcome, String note) {}

    public final List<ActionResult> actions = new CopyOnWriteArrayList<>();
    public final List<SweepReport> summaries = new CopyOnWriteArrayList<>();
    /** Every write in order: "INTENT key", "OUTCOME key DONE", "RESOLVE key DONE". */
    public final List<String> writes = new CopyOnWriteArrayList<>();
    public final Map<String, Item> items = new ConcurrentHashMap<>();
    public volatile boolean failActions;
    public volatile boolean failIntents;

    @Override
    public void recordIntents(String sweepId, String bucket, List<PlannedAction> intents) {
        if (failIntents) {
            throw new IllegalStateException("audit table unavailable");
        }
        for (PlannedAction a : intents) {
            writes.add("INTENT " + a.key());
            items.put(sweepId + "#" + a.key(), new Item(sweepId, pending(bucket, a), Outcome.PENDING, null));
        }
    }

    @Override
    public void recordActions(String sweepId, String bucket, List<ActionResult> results) {
        if (failActions) {
            throw new IllegalStateException("audit table unavailable");
        }
        actions.addAll(results);
        for (ActionResult r : results) {
            writes.add("OUTCOME " + r.action().key() + " " + r.outcome());
            items.put(sweepId + "#" + r.action().key(), new Item(sweepId, pending(bucket, r.action()), r.outcome(),
                    r.error()));
        }
    }

    @Override
    public void recordSummary(SweepReport report) {
        summaries.add(report);
    }

    @Override
    public List<PendingAction> pendingActions(String sweepId) {
        List<PendingAction> out = new ArrayList<>();
        for (Item i : items.values()) {
            if (i.sweepId.equals(sweepId) && i.outcome == Outcome.PENDING) {
                out.add(i.action);
            }
        }
        return out;
    }

    @Override
    public void resolve(String sweepId, PendingAction action, Outcome outcome, String note, Instant at) {
        items.computeIfPresent(sweepId + "#" + action.key(), (k, i) -> {
            if (i.outcome != Outcome.PENDING) {
                return i;
            }
            writes.add("RESOLVE " + action.key() + " " + outcome);
            return new Item(sweepId, action, outcome, note);
        });
    }

    public List<Item> itemsWith(Outcome outcome) {
        return items.values().stream().filter(i -> i.outcome == outcome).toList();
    }

    private static PendingAction pending(String bucket, PlannedAction a) {
        return new PendingAction(bucket, a.key(), a.runPrefix(), a.type(), a.toStorageClass(),
                a.object().versionId());
    }
}
