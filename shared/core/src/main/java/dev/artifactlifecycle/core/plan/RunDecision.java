package dev.artifactlifecycle.core.plan;

import dev.artifactlifecycle.core.model.Run;

/**
 * The plan for one run, with its why.
 *
 * @param rank    0 for the newest run of its kind (successful or failed) in the pipeline; -1 when not ranked
 * @param ageDays age at the sweep's asOf, in days
 */
public record RunDecision(Run run, Disposition disposition, int rank, double ageDays, String reason) {}
