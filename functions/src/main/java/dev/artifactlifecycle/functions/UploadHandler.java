package dev.artifactlifecycle.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifactlifecycle.aws.DynamoDbEventLedger;
import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.policy.Layout;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepReportJson;
import dev.artifactlifecycle.core.sweep.SweepStatus;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UploadFunction: when an upload completes a run (its success or failure marker, or its manifest, lands), enforce
 * that run's pipeline at once (trigger UPLOAD), listing only that pipeline's folder. Any other key is a no-op that
 * reads nothing. A duplicate delivery finds the pipeline already as the policy wants it and does nothing.
 */
public final class UploadHandler extends JsonHandler {
    private final FunctionRuntime runtime;

    public UploadHandler() {
        this(System.getenv());
    }

    public UploadHandler(Map<String, String> env) {
        this(FunctionRuntime.fromEnvironment(env));
    }

    UploadHandler(FunctionRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    JsonNode handle(JsonNode event, Context context) {
        List<UploadEvents.Upload> uploads = UploadEvents.parse(event);
        ObjectNode response = JSON.createObjectNode();
        response.put("uploads", uploads.size());
        ArrayNode sweeps = response.putArray("sweeps");
        // Only keys that could complete a run are worth a policy read; a log file landing costs nothing.
        List<UploadEvents.Upload> candidates = uploads.stream()
                .filter(u -> u.bucket().equals(runtime.config().bucket()) && mayCompleteARun(u.key())).toList();
        if (candidates.isEmpty()) {
            response.put("ignored", uploads.size());
            response.putArray("pipelines");
            InvocationLog.note(context, "UploadFunction", "no upload completes a run; nothing to do");
            return response;
        }
        Policy policy = runtime.policy();
        DynamoDbEventLedger ledger = runtime.events();
        Instant now = runtime.clock().instant();
        // Each pipeline to enforce, with the deliveries that call for it; deliveries already handled call for nothing.
        Map<String, List<String>> pipelines = new LinkedHashMap<>();
        int completing = 0;
        ArrayNode duplicates = response.putArray("duplicates");
        for (UploadEvents.Upload u : candidates) {
            Optional<String> pipeline = completedPipeline(policy.layout(), u.key());
            if (pipeline.isEmpty()) {
                continue;
            }
            completing++;
            if (!u.eventId().isEmpty() && ledger.handledBy(u.eventId(), now) != null) {
                duplicates.add(u.eventId());
                continue;
            }
            pipelines.computeIfAbsent(pipeline.get(), p -> new ArrayList<>()).add(u.eventId());
        }
        response.put("ignored", uploads.size() - completing);
        ArrayNode names = response.putArray("pipelines");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : pipelines.entrySet()) {
            String pipeline = e.getKey();
            names.add(pipeline);
            SweepReport r = runtime.sweep(policy, Mode.APPLY, Trigger.UPLOAD, null, List.of(Glob.exactly(pipeline)),
                    false);
            InvocationLog.sweep(context, "UploadFunction", r, runtime.config().debug());
            sweeps.add(SweepReportJson.toJson(r, SweepHandler.MAX_ACTIONS_RETURNED));
            if (r.status() == SweepStatus.FAILED) {
                failures.add(pipeline + ": " + r.error());
            } else if (r.status() != SweepStatus.SKIPPED) {
                // Remembered only once handled: a retry of a failed delivery must run again.
                for (String id : e.getValue()) {
                    if (!id.isEmpty()) {
                        ledger.remember(id, r.sweepId(), runtime.clock().instant());
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new SweepFailedException("upload-triggered sweep failed for " + String.join("; ", failures));
        }
        return response;
    }

    /** A cheap first look: the key's last segment is one of the default or configured run-completing names. */
    private boolean mayCompleteARun(String key) {
        Policy p = runtime.config().policy();
        if (p == null) {
            return true; // the policy lives in S3; decide after reading it
        }
        return completedPipeline(p.layout(), key).isPresent();
    }

    static Optional<String> completedPipeline(Layout layout, String key) {
        if (!key.startsWith(layout.prefix())) {
            return Optional.empty();
        }
        return layout.pattern().locate(key.substring(layout.prefix().length()))
                .filter(loc -> loc.rest().equals(layout.successMarker()) || loc.rest().equals(layout.failureMarker())
                        || loc.rest().equals(layout.manifest()))
                .map(loc -> loc.pipeline());
    }
}
