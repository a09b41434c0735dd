package dev.artifactlifecycle.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One pipeline run: the objects under {@code prefix}, with the time, status and pin read from its manifest, markers
 * or run id.
 *
 * @param prefix     the run's full key prefix, ending in "/"
 * @param timeSource where {@code runTime} came from: manifest, runId or lastModified
 * @param findings   problems noticed while reading the run (a corrupt manifest, for example)
 */
public record Run(
        String pipeline,
        String runId,
        String prefix,
        List<StoredObject> objects,
        Instant runTime,
        String timeSource,
        RunStatus status,
        boolean pinned,
        List<Finding> findings) {

    public Run {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(runTime, "runTime");
        Objects.requireNonNull(status, "status");
        objects = List.copyOf(objects);
        findings = List.copyOf(findings);
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("run prefix must end in '/': " + prefix);
        }
    }

    public long sizeBytes() {
        long total = 0;
        for (StoredObject o : objects) {
            total += o.sizeBytes();
        }
        return total;
    }
}
