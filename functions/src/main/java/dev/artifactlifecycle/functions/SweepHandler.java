package dev.artifactlifecycle.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepReportJson;
import dev.artifactlifecycle.core.sweep.SweepStatus;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * SweepFunction. An EventBridge Scheduled Event applies the policy (trigger SCHEDULE). Any other payload is a manual
 * invocation (trigger MANUAL) and a dry run unless it says {@code "dryRun": false}. Returns the report as
 * {@code sweep --format json} prints it, with at most the first 1,000 actions.
 */
public final class SweepHandler extends JsonHandler {
    static final int MAX_ACTIONS_RETURNED = 1000;
    private final FunctionRuntime runtime;

    /** Lambda's constructor: configuration from the environment, clients built once per container. */
    public SweepHandler() {
        this(System.getenv());
    }

    /** The same handler with another environment: {@code artifact-lifecycle invoke} and tests. */
    public SweepHandler(Map<String, String> env) {
        this(FunctionRuntime.fromEnvironment(env));
    }

    SweepHandler(FunctionRuntime runtime) {
        this.runtime = runtime;
    }

    static boolean isScheduledEvent(JsonNode event) {
        return event != null && event.isObject() && "aws.events".equals(event.path("source").asText())
                && "Scheduled Event".equals(event.path("detail-type").asText());
    }

    /**
     * Before its timeout, a sweep stops between pipelines and continues in a new invocation: when less than a
     * quarter of the time it started with is left, or less than two minutes (whichever is smaller). The sweep never
     * stops before its first pipeline, so every invocation makes progress.
     */
    static BooleanSupplier timeUp(Context context) {
        if (context == null) {
            return () -> false;
        }
        long margin = Math.min(MAX_MARGIN_MS, context.getRemainingTimeInMillis() / 4L);
        return () -> context.getRemainingTimeInMillis() < margin;
    }

    static final long MAX_MARGIN_MS = 120_000;

    /** The response to a delivery already handled. */
    static JsonNode duplicate(String eventId, String handledBy) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", SweepStatus.SKIPPED.name());
        n.put("duplicateEvent", eventId);
        n.put("handledBy", handledBy);
        return n;
    }

    @Override
    JsonNode handle(JsonNode event, Context context) {
        SweepReport report;
        String eventId = null;
        Optional<String> resume = ManualPayload.resume(event);
        if (isScheduledEvent(event)) {
            eventId = event.path("id").asText("");
            String handledBy = eventId.isEmpty() ? null : runtime.events().handledBy("eb:" + eventId,
                    runtime.clock().instant());
            if (handledBy != null) {
                // EventBridge delivers at least once: a second delivery of the same schedule tick does nothing.
                InvocationLog.note(context, "SweepFunction", "event " + eventId + " was already handled by sweep "
                        + handledBy + "; nothing to do");
                return duplicate(eventId, handledBy);
            }
            Policy policy = runtime.policy();
            report = runtime.sweep(policy, Mode.APPLY, Trigger.SCHEDULE, null, List.of(), false, timeUp(context));
        } else if (resume.isPresent()) {
            report = runtime.resume(resume.get(), timeUp(context));
        } else {
            ManualPayload p = ManualPayload.parse(event);
            Policy policy = runtime.policy();
            report = runtime.sweep(policy, p.dryRun() ? Mode.DRY_RUN : Mode.APPLY, Trigger.MANUAL, p.asOf(),
                    p.pipelines(), p.force(), timeUp(context));
        }
        InvocationLog.sweep(context, "SweepFunction", report, runtime.config().debug());
        if (report.status() == SweepStatus.FAILED) {
            throw new SweepFailedException("sweep " + report.sweepId() + " failed: " + report.error());
        }
        if (report.status() == SweepStatus.CONTINUED) {
            // Queued before the event is remembered: if this fails, Lambda retries the event and a new sweep picks
            // up what is left (the finished pipelines need nothing more).
            runtime.continuation().continueSweep(context.getInvokedFunctionArn(), report.sweepId());
            InvocationLog.note(context, "SweepFunction", "sweep " + report.sweepId() + " continues in a new"
                    + " invocation");
        }
        if (eventId != null && !eventId.isEmpty() && report.status() != SweepStatus.SKIPPED) {
            runtime.events().remember("eb:" + eventId, report.sweepId(), runtime.clock().instant());
        }
        return SweepReportJson.toJson(report, MAX_ACTIONS_RETURNED);
    }
}
