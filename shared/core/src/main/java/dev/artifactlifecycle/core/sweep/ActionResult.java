package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.plan.PlannedAction;
import java.time.Instant;
import java.util.Objects;

/** A planned action and what became of it. {@code at} is when it finished (or was planned). */
public record ActionResult(PlannedAction action, Outcome outcome, String error, Instant at,
        String deleteMarkerVersionId) {
    public ActionResult(PlannedAction action, Outcome outcome, String error, Instant at) {
        this(action, outcome, error, at, null);
    }

    public ActionResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
