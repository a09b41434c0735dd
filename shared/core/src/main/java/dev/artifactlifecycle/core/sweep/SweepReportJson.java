package dev.artifactlifecycle.core.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifactlifecycle.core.model.Finding;
import dev.artifactlifecycle.core.plan.PlannedAction;

/**
 * The sweep report as one JSON document: what {@code sweep --format json} prints and what the Lambda functions
 * return. Field names are a contract for scripts; add fields, never rename them.
 */
public final class SweepReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepReportJson() {}

    /** @param maxActions at most this many actions are listed; {@code actionsTruncated} says whether some were cut */
    public static ObjectNode toJson(SweepReport r, int maxActions) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("sweepId", r.sweepId());
        root.put("mode", r.mode().name());
        root.put("trigger", r.trigger().name());
        root.put("status", r.status().name());
        root.put("asOf", r.asOf().toString());
        root.put("startedAt", r.startedAt().toString());
        root.put("finishedAt", r.finishedAt().toString());
        root.put("bucket", r.bucket());
        root.put("prefix", r.prefix());
        root.put("policySha256", r.policySha256());
        if (r.error() != null) {
            root.put("error", r.error());
        }
        SweepSummary s = r.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("pipelines", s.pipelines());
        summary.put("runs", s.runs());
        summary.put("objects", s.objects());
        summary.put("bytes", s.bytes());
        summary.put("transitions", s.transitions());
        summary.put("transitionBytes", s.transitionBytes());
        summary.put("deletes", s.deletes());
        summary.put("deleteBytes", s.deleteBytes());
        summary.put("failed", s.failed());
        summary.put("skippedSmall", s.skippedSmall());
        summary.put("orphans", s.orphans());
        ArrayNode actions = root.putArray("actions");
        int n = 0;
        for (ActionResult ar : r.actions()) {
            if (n++ >= maxActions) {
                break;
            }
            PlannedAction a = ar.action();
            ObjectNode o = actions.addObject();
            o.put("action", a.type().name());
            o.put("key", a.key());
            o.put("pipeline", a.pipeline());
            o.put("runId", a.runId());
            o.put("fromStorageClass", a.object().storageClass());
            if (a.toStorageClass() == null) {
                o.putNull("toStorageClass");
            } else {
                o.put("toStorageClass", a.toStorageClass().name());
            }
            o.put("sizeBytes", a.object().sizeBytes());
            o.put("rule", a.rule());
            o.put("reason", a.reason());
            o.put("outcome", ar.outcome().name());
            if (ar.error() == null) {
                o.putNull("error");
            } else {
                o.put("error", ar.error());
            }
            if (a.object().versionId() != null) {
                o.put("versionId", a.object().versionId());
            }
            if (ar.deleteMarkerVersionId() != null) {
                o.put("deleteMarkerVersionId", ar.deleteMarkerVersionId());
            }
        }
        root.put("actionsTruncated", r.actionsOmitted() > 0 || r.actions().size() > maxActions);
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode o = findings.addObject();
            o.put("type", f.type().name());
            o.put(f.subjectKind(), f.subject());
            o.put("message", f.message());
        }
        return root;
    }

    public static String toJsonString(SweepReport r, int maxActions) {
        try {
            return MAPPER.writeValueAsString(toJson(r, maxActions));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a report always serialises", e);
        }
    }
}
