package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.plan.Disposition;
import java.util.Map;

/** Per pipeline: how many runs (and bytes) fell under each disposition. */
public record PipelineReport(String pipeline, String rule, Map<Disposition, Long> runs, Map<Disposition, Long> bytes) {
    public PipelineReport {
        runs = Map.copyOf(runs);
        bytes = Map.copyOf(bytes);
    }

    public long runs(Disposition d) {
        return runs.getOrDefault(d, 0L);
    }

    public long bytes(Disposition d) {
        return bytes.getOrDefault(d, 0L);
    }
}
