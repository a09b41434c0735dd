package dev.artifactlifecycle.core.testing;

import dev.artifactlifecycle.core.sweep.ActionResult;
import dev.artifactlifecycle.core.sweep.AuditLog;
import dev.artifactlifecycle.core.sweep.SweepReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class RecordingAuditLog implements AuditLog {
    public final List<ActionResult> actions = new CopyOnWriteArrayList<>();
    public final List<SweepReport> summaries = new CopyOnWriteArrayList<>();
    public volatile boolean failActions;

    @Override
    public void recordActions(String sweepId, String bucket, List<ActionResult> results) {
        if (failActions) {
            throw new IllegalStateException("audit table unavailable");
        }
        actions.addAll(results);
    }

    @Override
    public void recordSummary(SweepReport report) {
        summaries.add(report);
    }
}
