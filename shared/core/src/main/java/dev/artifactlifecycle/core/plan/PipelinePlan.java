package dev.artifactlifecycle.core.plan;

import dev.artifactlifecycle.core.model.Finding;
import java.util.List;

/**
 * @param rule         the governing rule's name; null when no rule matches
 * @param skippedSmall objects a tier would have moved but that are below {@code minTransitionSizeBytes}
 */
public record PipelinePlan(
        String pipeline, String rule, List<RunDecision> runs, List<PlannedAction> actions, List<Finding> findings,
        long skippedSmall) {
    public PipelinePlan {
        runs = List.copyOf(runs);
        actions = List.copyOf(actions);
        findings = List.copyOf(findings);
    }
}
