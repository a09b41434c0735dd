package dev.artifactlifecycle.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * One policy rule: which pipelines it governs and the effective settings for successful (and unknown-status) runs
 * and for failed runs, presets already expanded.
 *
 * @param allowExpiringEveryRun the rule may expire a pipeline's newest successful run ({@code keepLastRuns: 0} with an
 *                              expiry); refused at validation unless set
 */
public record Rule(String name, List<Glob> pipelines, Strategy strategy, Settings settings, Settings failedSettings,
        boolean allowExpiringEveryRun) {
    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(failedSettings, "failedSettings");
        pipelines = List.copyOf(pipelines);
    }

    /** An empty pipeline list governs every pipeline. */
    public boolean governs(String pipeline) {
        return pipelines.isEmpty() || Glob.anyMatches(pipelines, pipeline);
    }
}
