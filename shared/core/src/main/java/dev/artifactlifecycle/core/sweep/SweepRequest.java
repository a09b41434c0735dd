package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.policy.Policy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Everything one sweep needs; every entry point (CLI, schedule, manual invoke, upload) builds one of these.
 *
 * @param pipelines   globs narrowing the sweep to some pipelines; empty means all
 * @param asOf        the instant ages are measured at; only a dry run may set it to anything but the start time
 * @param concurrency how many S3 calls run at once
 * @param maxActionsKept how many actions the report lists (all are still executed, counted and audited); a Lambda
 *                       returns only 1,000, so it keeps no more and its memory does not grow with the bucket
 * @param force       an apply goes ahead even when its plan is over the policy's safety limits (recorded in the audit)
 * @param resumeFrom  the checkpoint of the sweep this one continues (same sweep id), or null
 * @param timeUp      asked before each pipeline is acted on; true stops the sweep there with a checkpoint (status
 *                    CONTINUED), so a Lambda can continue in a fresh invocation before its time runs out
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
        boolean force,
        Checkpoint resumeFrom,
        BooleanSupplier timeUp) {

    private static final BooleanSupplier NEVER = () -> false;

    public static final int DEFAULT_CONCURRENCY = 16;
    public static final int MAX_CONCURRENCY = 256;

    /** The same request in another mode. */
    public SweepRequest withMode(Mode other) {
        return new SweepRequest(sweepId, bucket, policy, other, trigger, asOf, pipelines, concurrency, progress,
                maxActionsKept, force, resumeFrom, timeUp);
    }

    /** The same request, stopping with a checkpoint before the next pipeline once {@code stop} says so. */
    public SweepRequest withTimeUp(BooleanSupplier stop) {
        return new SweepRequest(sweepId, bucket, policy, mode, trigger, asOf, pipelines, concurrency, progress,
                maxActionsKept, force, resumeFrom, stop);
    }

    /**
     * The continuation of a checkpointed apply: same sweep id, trigger, pipelines and force; the policy must be the
     * one the sweep started with.
     *
     * @throws IllegalArgumentException when the policy or bucket differ from the checkpoint's
     */
    public static SweepRequest resuming(Checkpoint cp, Policy policy, Instant now, int concurrency,
            SweepProgress progress, int maxActionsKept) {
        if (!cp.policySha256().equals(policy.sha256())) {
            throw new IllegalArgumentException("the policy changed since sweep " + cp.sweepId() + " started (sha256 "
                    + cp.policySha256() + ", now " + policy.sha256() + "); a sweep is resumed only under the policy it"
                    + " planned with: start a new sweep instead");
        }
        if (!cp.prefix().equals(policy.layout().prefix())) {
            throw new IllegalArgumentException("sweep " + cp.sweepId() + " swept prefix " + cp.prefix()
                    + " but the policy's prefix is " + policy.layout().prefix());
        }
        List<Glob> globs = cp.pipelines().stream().map(SweepRequest::glob).toList();
        return new SweepRequest(cp.sweepId(), cp.bucket(), policy, Mode.APPLY, cp.trigger(), now, globs, concurrency,
                progress, maxActionsKept, cp.force(), cp, NEVER);
    }

    /** How a pipeline selection is written into a checkpoint: {@code =name} for an exact name, else the glob. */
    static String globText(Glob g) {
        return g.literal().map(l -> "=" + l).orElse(g.text());
    }

    private static Glob glob(String text) {
        return text.startsWith("=") ? Glob.exactly(text.substring(1)) : Glob.compile(text);
    }

    /** The same request, forced past the safety guards or not. */
    public SweepRequest withForce(boolean forced) {
        return new SweepRequest(sweepId, bucket, policy, mode, trigger, asOf, pipelines, concurrency, progress,
                maxActionsKept, forced);
    }

    /** A request that starts a sweep (no checkpoint) and is never stopped for time. */
    public SweepRequest(String sweepId, String bucket, Policy policy, Mode mode, Trigger trigger, Instant asOf,
            List<Glob> pipelines, int concurrency, SweepProgress progress, int maxActionsKept, boolean force) {
        this(sweepId, bucket, policy, mode, trigger, asOf, pipelines, concurrency, progress, maxActionsKept, force,
                null, NEVER);
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
        timeUp = timeUp == null ? NEVER : timeUp;
        if (resumeFrom != null && (mode != Mode.APPLY || !resumeFrom.sweepId().equals(sweepId))) {
            throw new IllegalArgumentException("only an apply with the checkpoint's own sweep id resumes it");
        }
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
