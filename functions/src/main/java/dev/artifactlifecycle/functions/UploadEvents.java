package dev.artifactlifecycle.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifactlifecycle.core.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two shapes an "object uploaded" event arrives in: EventBridge "Object Created" from S3 (key as is), and the
 * classic S3 notification with {@code Records[]} (keys URL-encoded, {@code +} for a space; every record counts).
 */
final class UploadEvents {
    /**
     * One uploaded object. {@code eventId} identifies the delivery, for duplicate detection: {@code eb:<id>} for
     * EventBridge, {@code s3:<bucket>/<key>@<sequencer>} for a notification record (S3 gives records no id of their
     * own; the sequencer orders events of one key). Empty when the event carries nothing to tell duplicates by.
     */
    record Upload(String bucket, String key, String eventId) {}

    private UploadEvents() {}

    static List<Upload> parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidInputException("the event must be an S3 notification (Records[]) or an EventBridge"
                    + " \"Object Created\" event, got " + (event == null ? "nothing" : event.getNodeType()));
        }
        if (event.has("Records")) {
            return records(event.get("Records"));
        }
        if (event.has("detail-type")) {
            return eventBridge(event);
        }
        if ("s3:TestEvent".equals(event.path("Event").asText())) {
            return List.of(); // S3 sends this once when a notification is configured
        }
        throw new InvalidInputException("the event is neither an S3 notification (no \"Records\") nor an EventBridge"
                + " event (no \"detail-type\"); UploadFunction takes S3 upload events");
    }

    private static List<Upload> eventBridge(JsonNode e) {
        String type = e.path("detail-type").asText();
        String source = e.path("source").asText();
        if (!"aws.s3".equals(source) || !"Object Created".equals(type)) {
            throw new InvalidInputException("EventBridge event \"source\": \"" + source + "\", \"detail-type\": \""
                    + type + "\" is not an S3 upload; expected source aws.s3 and detail-type Object Created");
        }
        String bucket = text(e, "detail.bucket.name", e.path("detail").path("bucket").path("name"));
        String key = text(e, "detail.object.key", e.path("detail").path("object").path("key"));
        String id = e.path("id").asText("");
        return List.of(new Upload(bucket, key, id.isEmpty() ? "" : "eb:" + id));
    }

    private static List<Upload> records(JsonNode records) {
        if (!records.isArray()) {
            throw new InvalidInputException("\"Records\" must be a list of S3 event records, got " + records.getNodeType());
        }
        List<Upload> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String at = "Records[" + i + "]";
            String source = r.path("eventSource").asText();
            if (!"aws:s3".equals(source)) {
                throw new InvalidInputException(at + ".eventSource is \"" + source + "\"; UploadFunction takes S3"
                        + " records (aws:s3)");
            }
            if (!r.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue; // removals and restores do not complete a run
            }
            String bucket = text(r, at + ".s3.bucket.name", r.path("s3").path("bucket").path("name"));
            String encoded = text(r, at + ".s3.object.key", r.path("s3").path("object").path("key"));
            String key;
            try {
                key = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(at + ".s3.object.key \"" + encoded + "\" is not URL-encoded as S3"
                        + " sends keys: " + e.getMessage());
            }
            String sequencer = r.path("s3").path("object").path("sequencer").asText("");
            out.add(new Upload(bucket, key, sequencer.isEmpty() ? "" : "s3:" + bucket + "/" + key + "@" + sequencer));
        }
        return out;
    }

    private static String text(JsonNode event, String path, JsonNode n) {
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new InvalidInputException("event field " + path + " is missing or not a string");
        }
        return n.asText();
    }
}
