package dev.artifactlifecycle.core.sweep;

import java.util.List;

/** Where every change, and every sweep's summary, is written down. Writes must be idempotent per item. */
public interface AuditLog {
    /** Records performed actions (outcome DONE or FAILED). Throws when they cannot be recorded. */
    void recordActions(String sweepId, String bucket, List<ActionResult> results);

    /** Records the sweep's summary item, dry runs included. */
    void recordSummary(SweepReport report);

    /** For --no-audit and for dry runs without a table. */
    AuditLog NONE = new AuditLog() {
        @Override
        public void recordActions(String sweepId, String bucket, List<ActionResult> results) {}

        @Override
        public void recordSummary(SweepReport report) {}
    };
}
