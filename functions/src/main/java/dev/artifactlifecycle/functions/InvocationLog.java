package dev.artifactlifecycle.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifactlifecycle.core.sweep.ActionResult;
import dev.artifactlifecycle.core.sweep.SweepReport;
import java.time.Duration;

/** One structured JSON line per sweep (details, one line per action, at DEBUG). Never the event or environment. */
final class InvocationLog {
    private InvocationLog() {}

    static void sweep(Context context, String function, SweepReport r, boolean debug) {
        ObjectNode line = JsonHandler.JSON.createObjectNode();
        line.put("level", "INFO");
        line.put("message", "sweep finished");
        line.put("function", function);
        line.put("requestId", context.getAwsRequestId());
        line.put("sweepId", r.sweepId());
        line.put("trigger", r.trigger().name());
        line.put("mode", r.mode().name());
        line.put("status", r.status().name());
        line.put("bucket", r.bucket());
        line.put("pipelines", r.summary().pipelines());
        line.put("runs", r.summary().runs());
        line.put("objects", r.summary().objects());
        line.put("transitions", r.summary().transitions());
        line.put("deletes", r.summary().deletes());
        line.put("failed", r.summary().failed());
        line.put("durationMs", Duration.between(r.startedAt(), r.finishedAt()).toMillis());
        if (r.error() != null) {
            line.put("error", r.error());
        }
        context.getLogger().log(line.toString() + "\n");
        if (debug) {
            for (ActionResult a : r.actions()) {
                ObjectNode d = JsonHandler.JSON.createObjectNode();
                d.put("level", "DEBUG");
                d.put("sweepId", r.sweepId());
                d.put("action", a.action().type().name());
                d.put("key", a.action().key());
                d.put("outcome", a.outcome().name());
                d.put("reason", a.action().reason());
                if (a.error() != null) {
                    d.put("error", a.error());
                }
                context.getLogger().log(d.toString() + "\n");
            }
        }
    }

    static void note(Context context, String function, String message) {
        ObjectNode line = JsonHandler.JSON.createObjectNode();
        line.put("level", "INFO");
        line.put("message", message);
        line.put("function", function);
        line.put("requestId", context.getAwsRequestId());
        context.getLogger().log(line.toString() + "\n");
    }
}
