package dev.artifactlifecycle.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifactlifecycle.core.IsoTime;
import dev.artifactlifecycle.core.model.Finding;
import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.Run;
import dev.artifactlifecycle.core.model.RunStatus;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Layout;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a run says about itself. Time: manifest {@code created_at}/{@code createdAt}, else the run id's
 * timestamp, else the newest LastModified (an in-place storage-class copy resets LastModified, which is why the other
 * two come first). Status: manifest {@code status}, else the failure marker, else the success marker. Pinned: manifest
 * {@code "retain": true} or a keep marker.
 */
public final class RunInspector {
    /** Manifests are small JSON documents; anything larger is not one. */
    public static final int MAX_MANIFEST_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunInspector() {}

    /** The manifest's key, when the layout has manifests and this run has one. */
    public static Optional<String> manifestKey(RunObjects run, Layout layout) {
        if (layout.manifest() == null) {
            return Optional.empty();
        }
        String key = run.prefix() + layout.manifest();
        return run.contains(key) ? Optional.of(key) : Optional.empty();
    }

    /**
     * @param manifest the manifest's bytes when the run has one (see {@link #manifestKey}); empty otherwise
     */
    public static Run inspect(RunObjects raw, Layout layout, Optional<byte[]> manifest) {
        List<Finding> findings = new ArrayList<>();
        Instant time = null;
        String timeSource = null;
        RunStatus status = null;
        boolean pinned = false;

        if (manifest.isPresent()) {
            String key = raw.prefix() + layout.manifest();
            JsonNode doc = parse(manifest.get(), key, findings);
            if (doc != null) {
                JsonNode created = doc.hasNonNull("created_at") ? doc.get("created_at") : doc.get("createdAt");
                if (created != null && !created.isNull()) {
                    time = parseTime(created);
                    if (time == null) {
                        findings.add(new Finding(FindingType.CORRUPT_MANIFEST, key, "created_at " + created
                                + " is not an ISO-8601 time; using the next source for the run time"));
                    } else {
                        timeSource = "manifest";
                    }
                }
                JsonNode s = doc.get("status");
                if (s != null && s.isTextual()) {
                    status = RunStatus.fromManifest(s.asText());
                }
                JsonNode retain = doc.get("retain");
                pinned = retain != null && (retain.asBoolean(false) || "true".equalsIgnoreCase(retain.asText()));
            }
        }
        if (time == null && layout.runIdTimestamp() != null) {
            time = layout.runIdTimestamp().parse(raw.runId()).orElse(null);
            if (time != null) {
                timeSource = "runId";
            }
        }
        if (time == null) {
            time = newestLastModified(raw.objects());
            timeSource = "lastModified";
        }
        if (status == null) {
            if (layout.failureMarker() != null && raw.contains(raw.prefix() + layout.failureMarker())) {
                status = RunStatus.FAILED;
            } else if (layout.successMarker() != null && raw.contains(raw.prefix() + layout.successMarker())) {
                status = RunStatus.SUCCEEDED;
            } else {
                status = RunStatus.UNKNOWN;
            }
        }
        if (layout.keepMarker() != null && raw.contains(raw.prefix() + layout.keepMarker())) {
            pinned = true;
        }
        return new Run(raw.pipeline(), raw.runId(), raw.prefix(), raw.objects(), time, timeSource, status, pinned,
                findings);
    }

    /** Manifest, markers: the files that say what a run is. They are deleted last so a half-deleted run stays whole. */
    public static boolean isControlFile(String key, String runPrefix, Layout layout) {
        if (!key.startsWith(runPrefix)) {
            return false;
        }
        String name = key.substring(runPrefix.length());
        return name.equals(layout.manifest()) || name.equals(layout.successMarker())
                || name.equals(layout.failureMarker()) || name.equals(layout.keepMarker());
    }

    private static JsonNode parse(byte[] bytes, String key, List<Finding> findings) {
        if (bytes.length > MAX_MANIFEST_BYTES) {
            findings.add(new Finding(FindingType.CORRUPT_MANIFEST, key, "manifest is larger than "
                    + MAX_MANIFEST_BYTES + " bytes; ignored, using the next source for time and status"));
            return null;
        }
        try {
            JsonNode doc = JSON.readTree(bytes);
            if (doc == null || !doc.isObject()) {
                findings.add(new Finding(FindingType.CORRUPT_MANIFEST, key,
                        "manifest is not a JSON object; ignored, using the next source for time and status"));
                return null;
            }
            return doc;
        } catch (IOException e) {
            findings.add(new Finding(FindingType.CORRUPT_MANIFEST, key,
                    "manifest is not valid JSON; ignored, using the next source for time and status"));
            return null;
        }
    }

    static Instant parseTime(JsonNode n) {
        return n.isTextual() ? IsoTime.parse(n.asText()).orElse(null) : null;
    }

    private static Instant newestLastModified(List<StoredObject> objects) {
        Instant newest = Instant.EPOCH;
        for (StoredObject o : objects) {
            if (o.lastModified().isAfter(newest)) {
                newest = o.lastModified();
            }
        }
        return newest;
    }
}
