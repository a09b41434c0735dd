package dev.artifactlifecycle.core.sweep;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where an apply got to: every pipeline up to {@code lastPipeline} (in listing order) is done. Saved after each
 * pipeline that had actions and when a sweep stops to stay within its time limit; a continuation (a new Lambda
 * invocation, or {@code sweep --resume}) with the same sweep id skips those pipelines and adds {@code done} to its
 * totals, so nothing is repeated and the summary covers the whole sweep.
 *
 * @param pipelines    the glob texts the sweep was narrowed to (empty: all)
 * @param lastPipeline the last pipeline done, or null when none is
 * @param deletesDone  deletes performed so far, for the guard
 * @param listed       the objects the first plan pass listed, for the guard's fraction
 * @param done         totals of the pipelines done ({@code orphans} is 0: every listing counts them again)
 */
public record Checkpoint(
        String sweepId,
        String bucket,
        String prefix,
        List<String> pipelines,
        Trigger trigger,
        boolean force,
        String policySha256,
        Instant startedAt,
        String lastPipeline,
        long deletesDone,
        long listed,
        SweepSummary done) {

    public Checkpoint {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        pipelines = List.copyOf(pipelines);
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(policySha256, "policySha256");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(done, "done");
    }

    /**
     * Whether {@code pipeline} comes after the last one done. S3 lists keys in UTF-8 byte order and every key of a
     * pipeline starts with {@code <pipeline>/}, so pipelines are listed in the byte order of that string.
     */
    public boolean isAfterDone(String pipeline) {
        return lastPipeline == null || Arrays.compareUnsigned(bytes(pipeline), bytes(lastPipeline)) > 0;
    }

    private static byte[] bytes(String pipeline) {
        return (pipeline + "/").getBytes(StandardCharsets.UTF_8);
    }
}
