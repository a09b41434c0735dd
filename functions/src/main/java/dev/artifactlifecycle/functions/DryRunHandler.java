package dev.artifactlifecycle.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepReportJson;
import dev.artifactlifecycle.core.sweep.SweepStatus;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.util.Map;

/**
 * DryRunFunction: always a preview. Its role cannot write to S3 at all; a payload asking to apply is refused here
 * too, before anything runs, so the caller learns at once that they called the wrong function.
 */
public final class DryRunHandler extends JsonHandler {
    private final FunctionRuntime runtime;

    public DryRunHandler() {
        this(System.getenv());
    }

    public DryRunHandler(Map<String, String> env) {
        this(FunctionRuntime.fromEnvironment(env));
    }

    DryRunHandler(FunctionRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    JsonNode handle(JsonNode event, Context context) {
        if (SweepHandler.isScheduledEvent(event)) {
            throw new InvalidInputException("DryRunFunction only previews and is not meant to be scheduled; schedule"
                    + " SweepFunction instead");
        }
        ManualPayload p = ManualPayload.parse(event);
        if (!p.dryRun()) {
            throw new InvalidInputException("DryRunFunction only previews: payload field \"dryRun\": false is refused;"
                    + " invoke SweepFunction with {\"dryRun\": false} to apply the policy");
        }
        SweepReport report = runtime.sweep(runtime.policy(), Mode.DRY_RUN, Trigger.MANUAL, p.asOf(), p.pipelines(),
                false);
        InvocationLog.sweep(context, "DryRunFunction", report, runtime.config().debug());
        if (report.status() == SweepStatus.FAILED) {
            throw new SweepFailedException("dry run " + report.sweepId() + " failed: " + report.error());
        }
        return SweepReportJson.toJson(report, SweepHandler.MAX_ACTIONS_RETURNED);
    }
}
