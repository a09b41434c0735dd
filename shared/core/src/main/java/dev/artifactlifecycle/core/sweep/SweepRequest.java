package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.policy.Policy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one sweep needs; every entry point (CLI, schedule, manual invoke, upload) builds one of these.
 *
 * @param pipelines   globs narrowing the sweep to some pipelines; empty means all
 * @param asOf        the instant ages are measured at; only a dry run may set it to anything but the start time
 * @param concurrency how many S3 calls run at once
 * @param maxActionsKept how many actions the report lists (all are still executed, counted and audited); a Lambda
 *                       returns only 1,000, so it keeps no more and its memory does not grow with the bucket
 * @param force       an apply goes ahead even when its plan is over the policy's safety limits (recorded in the audit)
 */
public record SweepRequest(
        String sweepId,
        String bucket,
        Policy policy,
        Mode mode,
        Trigger trigger,
        Instant asOf,
        List<Glob> pipelines,
        int concurrency,
        SweepProgress progress,
        int maxActionsKept,
        boolean force) {

    public static final int DEFAULT_CONCURRENCY = 16;
    public static final int MAX_CONCURRENCY = 256;

    /** The same request in another mode. */
    public SweepRequest withMode(Mode other) {
        return new SweepRequest(sweepId, bucket, policy, other, trigger, asOf, pipelines, concurrency, progress,
                maxActionsKept, force);
    }

    /** The same request, forced past the safety guards or not. */
    public SweepRequest withForce(boolean forced) {
        return new SweepRequest(sweepId, bucket, policy, mode, trigger, asOf, pipelines, concurrency, progress,
                maxActionsKept, forced);
    }

    /** A request that is not forced past the safety guards. */
    public SweepRequest(String sweepId, String bucket, Policy policy, Mode mode, Trigger trigger, Instant asOf,
            List<Glob> pipelines, int concurrency, SweepProgress progress, int maxActionsKept) {
        this(sweepId, bucket, policy, mode, trigger, asOf, pipelines, concurrency, progress, maxActionsKept, false);
    }

    /** A request whose report lists every action. */
    public SweepRequest(String sweepId, String bucket, Policy policy, Mode mode, Trigger trigger, Instant asOf,
            List<Glob> pipelines, int concurrency, SweepProgress progress) {
        this(sweepId, bucket, policy, mode, trigger, asOf, pipelines, concurrency, progress, Integer.MAX_VALUE, false);
    }

    public SweepRequest {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(asOf, "asOf");
        pipelines = List.copyOf(pipelines);
        progress = progress == null ? new SweepProgress() : progress;
        if (!SweepId.isValid(sweepId)) {
            throw new IllegalArgumentException("sweepId " + sweepId + " is not of the form 20261121T020000Z-3f9a1c0b");
        }
        if (maxActionsKept < 0) {
            throw new IllegalArgumentException("maxActionsKept must be >= 0, got " + maxActionsKept);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", got "
                    + concurrency);
        }
    }

    /**
     * Where to list: the layout prefix, or one pipeline's folder when a single literal pipeline is selected (an
     * upload-triggered sweep lists only the pipeline that received the upload).
     */
    public String listingPrefix() {
        String prefix = policy.layout().prefix();
        if (pipelines.size() == 1 && pipelines.get(0).literal().isPresent()) {
            return prefix + pipelines.get(0).literal().get() + "/";
        }
        return prefix;
    }

    /** True when the sweep covers exactly one pipeline, so its lease is that pipeline's. */
    public boolean singlePipeline() {
        return pipelines.size() == 1 && pipelines.get(0).literal().isPresent();
    }

    public boolean selects(String pipeline) {
        return pipelines.isEmpty() || Glob.anyMatches(pipelines, pipeline);
    }
}
