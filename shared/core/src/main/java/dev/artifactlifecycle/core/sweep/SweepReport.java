package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.Finding;
import java.time.Instant;
import java.util.List;

/**
 * What a sweep did (or, in a dry run, would do). {@code error} is set when the status is FAILED. {@code actions}
 * lists the first actions, up to the request's {@code maxActionsKept}; {@code actionsOmitted} counts the rest.
 * {@code force} records that the apply was allowed past the safety guards.
 */
public record SweepReport(
        String sweepId,
        Mode mode,
        Trigger trigger,
        String bucket,
        String prefix,
        Instant asOf,
        Instant startedAt,
        Instant finishedAt,
        SweepStatus status,
        SweepSummary summary,
        List<PipelineReport> pipelines,
        List<ActionResult> actions,
        long actionsOmitted,
        List<Finding> findings,
        String policySha256,
        String error,
        boolean force) {

    public SweepReport {
        pipelines = List.copyOf(pipelines);
        actions = List.copyOf(actions);
        findings = List.copyOf(findings);
    }

    /** 0: nothing failed, or skipped because another sweep holds the scope; 1: failed, partial or aborted. */
    public int exitCode() {
        return status == SweepStatus.SUCCEEDED || status == SweepStatus.SKIPPED ? 0 : 1;
    }
}
