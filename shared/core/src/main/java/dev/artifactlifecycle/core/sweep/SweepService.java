package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.KillSwitch;
import dev.artifactlifecycle.core.model.BucketVersioning;
import dev.artifactlifecycle.core.model.Finding;
import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.Run;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.plan.ActionType;
import dev.artifactlifecycle.core.plan.Disposition;
import dev.artifactlifecycle.core.plan.NoncurrentPlanner;
import dev.artifactlifecycle.core.plan.PipelinePlan;
import dev.artifactlifecycle.core.plan.PlannedAction;
import dev.artifactlifecycle.core.plan.Planner;
import dev.artifactlifecycle.core.plan.RunDecision;
import dev.artifactlifecycle.core.policy.Layout;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.scan.RunInspector;
import dev.artifactlifecycle.core.scan.RunObjects;
import dev.artifactlifecycle.core.scan.RunScanner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one use case every entry point calls. Cloud Custodian's order: decide everything, check the limits, then act.
 *
 * <ol>
 *   <li>An apply takes the lease on its scope (another sweep holding it: SKIPPED) and reconciles the PENDING audit
 *       items of any sweep whose lease ran out (it stopped mid-way).</li>
 *   <li>Plan pass: scan → plan, a pipeline at a time. Actions are held for the act pass while there are at most
 *       {@code holdLimit} of them; past that only counts are kept and the act pass lists again, so memory stays
 *       bounded by one pipeline whatever the bucket holds.</li>
 *   <li>Guard: the policy's safety limits against the whole plan; over one, nothing changes (ABORTED) unless forced.
 *       A dry run reports what the guard would say.</li>
 *   <li>Act pass, a pipeline at a time under that pipeline's lease: intents audited (PENDING), actions executed,
 *       outcomes audited (DONE / FAILED).</li>
 * </ol>
 * A dry run goes through the same plan pass and stops there; it writes only its summary.
 */
public final class SweepService {
    /** Orphans are counted in full but listed only up to this many, so a foreign prefix cannot flood the report. */
    static final int MAX_LISTED_ORPHANS = 1000;
    /** About 225 bytes per held action (measured, see README): 100,000 actions stay near 22 MiB. */
    static final long DEFAULT_HOLD_LIMIT = 100_000;
    static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(2);
    static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(20);

    private final ObjectSource source;
    private final ObjectStore store;
    private final AuditLog audit;
    private final LeaseStore leases;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final long holdLimit;
    private final Duration leaseTtl;
    private final Duration leaseWait;

    /** A service without leases: for dry runs, benchmarks and applies without an audit table. */
    public SweepService(ObjectSource source, ObjectStore store, AuditLog audit, Clock clock) {
        this(source, store, audit, LeaseStore.NONE, clock);
    }

    /** A service whose applies cannot be resumed (no checkpoints kept). */
    public SweepService(ObjectSource source, ObjectStore store, AuditLog audit, LeaseStore leases, Clock clock) {
        this(source, store, audit, leases, CheckpointStore.NONE, clock);
    }

    public SweepService(ObjectSource source, ObjectStore store, AuditLog audit, LeaseStore leases,
            CheckpointStore checkpoints, Clock clock) {
        this(source, store, audit, leases, checkpoints, clock, DEFAULT_HOLD_LIMIT, DEFAULT_LEASE_TTL,
                DEFAULT_LEASE_WAIT);
    }

    SweepService(ObjectSource source, ObjectStore store, AuditLog audit, LeaseStore leases, Clock clock,
            long holdLimit, Duration leaseTtl, Duration leaseWait) {
        this(source, store, audit, leases, CheckpointStore.NONE, clock, holdLimit, leaseTtl, leaseWait);
    }

    SweepService(ObjectSource source, ObjectStore store, AuditLog audit, LeaseStore leases,
            CheckpointStore checkpoints, Clock clock, long holdLimit, Duration leaseTtl, Duration leaseWait) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.holdLimit = holdLimit;
        this.leaseTtl = leaseTtl;
        this.leaseWait = leaseWait;
    }

    public SweepReport sweep(SweepRequest requested) {
        Instant startedAt = clock.instant();
        boolean killed = requested.mode() == Mode.APPLY && requested.policy().dryRunOnly();
        if (killed && requested.resumeFrom() != null) {
            // A dry run under the sweep's own id would overwrite its summary; the checkpoint simply waits.
            throw new IllegalArgumentException("the kill switch is on (policy safety.dryRunOnly or " + KillSwitch.ENV
                    + "); sweep " + requested.sweepId() + " stays checkpointed: resume it once the switch is off");
        }
        SweepRequest request = killed ? requested.withMode(Mode.DRY_RUN) : requested;
        if (request.mode() == Mode.APPLY && request.asOf().isAfter(startedAt)) {
            throw new IllegalArgumentException("asOf " + request.asOf() + " is in the future; only a dry run may"
                    + " forecast a later date");
        }
        Accumulator acc = new Accumulator(request.maxActionsKept());
        Checkpoint cp = request.resumeFrom();
        if (cp != null) {
            acc.before = cp.done();
            acc.sweepFindings.add(new Finding(FindingType.RESUMED, request.sweepId(), "continues sweep "
                    + cp.sweepId() + " (started " + cp.startedAt() + ") after pipeline "
                    + (cp.lastPipeline() == null ? "(none yet)" : cp.lastPipeline()) + "; the totals include the "
                    + cp.done().pipelines() + " pipelines done before; the pipelines and actions listed are this"
                    + " part's"));
        }
        if (killed) {
            acc.sweepFindings.add(new Finding(FindingType.KILL_SWITCH, requested.sweepId(), "an apply was asked for,"
                    + " but the kill switch is on (policy safety.dryRunOnly or " + KillSwitch.ENV + "); this sweep"
                    + " ran as a dry run and changed nothing"));
        }
        SweepReport report = request.mode() == Mode.APPLY ? apply(request, startedAt, acc) : dryRun(request, startedAt,
                acc);
        audit.recordSummary(report);
        return report;
    }

    private SweepReport dryRun(SweepRequest request, Instant startedAt, Accumulator acc) {
        ExecutorService pool = Executors.newFixedThreadPool(request.concurrency(), daemonThreads(request.sweepId()));
        try {
            PlanPass pass = planPass(request, pool, acc, 0);
            planVersions(request, acc, pass);
            List<String> over = Guard.violations(request.policy().safety(), pass.deletes, acc.listed);
            if (!over.isEmpty()) {
                acc.sweepFindings.add(new Finding(FindingType.GUARD, request.sweepId(), "an apply of this plan would"
                        + " be aborted before any change: " + String.join("; ", over) + "; " + HOW_TO_PROCEED));
            }
            return acc.report(request, startedAt, clock.instant(), acc.status(), null);
        } catch (RuntimeException e) {
            return acc.report(request, startedAt, clock.instant(), SweepStatus.FAILED, describe(e));
        } finally {
            pool.shutdownNow();
        }
    }

    private static final String HOW_TO_PROCEED = "check the plan with a dry run; if it is right, raise the limit in"
            + " the policy's safety block or apply once with --force (\"force\": true in a manual invocation),"
            + " which the audit records";

    private SweepReport apply(SweepRequest request, Instant startedAt, Accumulator planned) {
        String scope = request.listingPrefix();
        // The owner is the sweep id plus a nonce: a continuation of this sweep (same id) is another invocation, and
        // must wait for this one to let go like any other sweep.
        String owner = request.sweepId() + "#" + String.format("%08x", ThreadLocalRandom.current().nextInt());
        LeaseStore.Acquisition got = leases.acquire(request.bucket(), scope, owner, startedAt, leaseTtl);
        if (!got.acquired()) {
            LeaseStore.Lease h = got.holder();
            planned.sweepFindings.add(new Finding(FindingType.LEASE_HELD, scope, "sweep " + sweepIdOf(h.owner()) + " holds the"
                    + " lease on s3://" + h.bucket() + "/" + h.scope() + " until " + h.until() + "; this sweep did"
                    + " nothing so that two sweeps never act on the same runs at once"));
            return planned.report(request, startedAt, clock.instant(), SweepStatus.SKIPPED, null);
        }
        Accumulator acc = planned;
        Done current = null;
        ExecutorService pool = Executors.newFixedThreadPool(request.concurrency(), daemonThreads(request.sweepId()));
        LeaseKeeper keeper = new LeaseKeeper(leases, request.bucket(), owner, clock, leaseTtl);
        try {
            keeper.hold(scope);
            Set<String> reconciled = new HashSet<>();
            reconcileAbandoned(request, scope, owner, got.abandoned(), reconciled, acc);
            if (request.resumeFrom() != null) {
                // The part before may have stopped between an intent and its outcome.
                reconcile(request.sweepId(), reconciled, acc);
            }

            PlanPass pass = planPass(request, pool, acc, holdLimit);
            planVersions(request, acc, pass);
            Checkpoint cp = request.resumeFrom();
            long listed = cp != null ? cp.listed() : acc.listed;
            long deletesBefore = cp != null ? cp.deletesDone() : 0;
            List<String> over = Guard.violations(request.policy().safety(), deletesBefore + pass.deletes, listed);
            if (!over.isEmpty() && !request.force()) {
                String why = String.join("; ", over);
                acc.sweepFindings.add(new Finding(FindingType.GUARD, request.sweepId(), why + "; nothing was"
                        + " changed; " + HOW_TO_PROCEED));
                acc = acc.plannedOnly();
                return acc.report(request, startedAt, clock.instant(), SweepStatus.ABORTED, "aborted by the safety"
                        + " guard: " + why);
            }
            if (!over.isEmpty()) {
                acc.sweepFindings.add(new Finding(FindingType.GUARD_OVERRIDDEN, request.sweepId(), "forced past the"
                        + " safety guard: " + String.join("; ", over)));
            }
            Acting acting = new Acting(request, owner, pool, keeper, reconciled, new Done(request, listed, startedAt));
            current = acting.done;
            if (pass.held != null) {
                acc = acc.withoutActions();
                for (Held h : pass.held) {
                    acting.act(h.pipeline, h.actions, h.totals, acc);
                }
            } else {
                acc = acc.fresh();
                actAfterListingAgain(acting, listed, deletesBefore, acc);
            }
            acting.actOnVersions(pass.versionActions, acc);
            checkpoints.clear(request.sweepId());
            return acc.report(request, startedAt, clock.instant(), acc.status(), null);
        } catch (TimeUp e) {
            Checkpoint saved = current.checkpoint();
            checkpoints.save(saved);
            acc.sweepFindings.add(new Finding(FindingType.CHECKPOINT, request.sweepId(), "stopped before pipeline "
                    + e.getMessage() + " to stay within the time limit; every pipeline up to "
                    + (saved.lastPipeline() == null ? "(none)" : saved.lastPipeline()) + " is done and checkpointed;"
                    + " the sweep continues under the same id (a new invocation, or sweep --resume "
                    + request.sweepId() + ")"));
            return acc.report(request, startedAt, clock.instant(), SweepStatus.CONTINUED, null);
        } catch (GuardTripped e) {
            acc.sweepFindings.add(new Finding(FindingType.GUARD, request.sweepId(), e.getMessage()));
            return acc.report(request, startedAt, clock.instant(), SweepStatus.ABORTED, e.getMessage());
        } catch (RuntimeException e) {
            settleAfterFailure(request, e, keeper);
            return acc.report(request, startedAt, clock.instant(), SweepStatus.FAILED, describe(e));
        } finally {
            pool.shutdownNow();
            keeper.close();
        }
    }

    /**
     * A failed apply may leave PENDING items (say the outcome write failed after the S3 calls). Settle them now; if
     * that fails too, or the JVM itself is failing (an Error such as OutOfMemoryError), do nothing more and keep the
     * leases: they run out, and the next sweep reconciles.
     */
    private void settleAfterFailure(SweepRequest request, RuntimeException e, LeaseKeeper keeper) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Error) {
                keeper.abandon();
                return;
            }
        }
        try {
            new Reconciler(source, audit, clock).reconcile(request.sweepId());
        } catch (RuntimeException again) {
            keeper.abandon();
        }
    }

    /**
     * The plan was too large to hold: list and plan again, acting pipeline by pipeline. The bucket may have grown
     * since the plan pass, so the guard is checked again before each pipeline against the deletes so far.
     */
    private void actAfterListingAgain(Acting acting, long listed, long deletesBefore, Accumulator acc) {
        SweepRequest request = acting.request;
        long[] deletes = {deletesBefore};
        scan(request, acc, false, (pipeline, raw) -> {
            PipelinePlan plan = plan(request, pipeline, raw, acting.pool, acc, false);
            if (plan == null) {
                return;
            }
            acc.addPlan(plan);
            long d = deletes(plan.actions());
            List<String> over = Guard.violations(request.policy().safety(), deletes[0] + d, listed);
            if (!over.isEmpty() && !request.force()) {
                throw new GuardTripped("stopped before pipeline " + pipeline + ": the bucket changed between the plan"
                        + " and the act pass and " + String.join("; ", over) + "; the pipelines before it were"
                        + " applied and audited; " + HOW_TO_PROCEED);
            }
            acting.act(pipeline, plan.actions(), Totals.of(plan), acc);
            deletes[0] += d;
        });
    }

    private void reconcileAbandoned(SweepRequest request, String scope, String owner, LeaseStore.Lease replaced,
            Set<String> reconciled, Accumulator acc) {
        List<LeaseStore.Lease> toClear = new ArrayList<>();
        if (replaced != null) {
            reconcile(replaced.owner(), reconciled, acc);
        }
        if (!request.singlePipeline()) {
            // Pipeline leases left by stopped upload sweeps (or by a stopped whole sweep) under this scope.
            for (LeaseStore.Lease l : leases.abandoned(request.bucket(), clock.instant())) {
                if (l.scope().startsWith(scope) && !l.owner().equals(owner)) {
                    reconcile(l.owner(), reconciled, acc);
                    toClear.add(l);
                }
            }
        }
        toClear.forEach(leases::clear);
    }

    /** The sweep id in a lease owner ({@code <sweepId>#<nonce>}). */
    static String sweepIdOf(String owner) {
        int hash = owner.indexOf('#');
        return hash < 0 ? owner : owner.substring(0, hash);
    }

    private void reconcile(String owner, Set<String> reconciled, Accumulator acc) {
        String sweepId = sweepIdOf(owner);
        if (!reconciled.add(sweepId)) {
            return;
        }
        Reconciler.Result r = new Reconciler(source, audit, clock).reconcile(sweepId);
        if (r.done() + r.notDone() > 0) {
            acc.sweepFindings.add(new Finding(FindingType.RECONCILED, sweepId, "sweep " + sweepId + " stopped"
                    + " mid-way; its " + (r.done() + r.notDone()) + " PENDING audit items were checked against S3: "
                    + r.done() + " had been done (now DONE), " + r.notDone() + " had not (now FAILED; planned again"
                    + " when still due)"));
        }
    }

    /** Acts on one pipeline's actions under the pipeline's lease, with write-ahead audit. */
    private final class Acting {
        final SweepRequest request;
        final String owner;
        final ExecutorService pool;
        final LeaseKeeper keeper;
        final Set<String> reconciled;
        final Done done;

        Acting(SweepRequest request, String owner, ExecutorService pool, LeaseKeeper keeper, Set<String> reconciled,
                Done done) {
            this.request = request;
            this.owner = owner;
            this.pool = pool;
            this.keeper = keeper;
            this.reconciled = reconciled;
            this.done = done;
        }

        void act(String pipeline, List<PlannedAction> actions, Totals totals, Accumulator acc) {
            // Only after a first pipeline: an invocation that stopped before any would make no progress at all.
            if (done.thisInvocation > 0 && request.timeUp().getAsBoolean()) {
                throw new TimeUp(pipeline);
            }
            if (actions.isEmpty()) {
                done.add(pipeline, totals, List.of());
                return;
            }
            keeper.requireHeld();
            String scope = null;
            if (!request.singlePipeline()) {
                scope = request.policy().layout().prefix() + pipeline + "/";
                LeaseStore.Acquisition got = acquireWaiting(scope);
                if (!got.acquired()) {
                    acc.skippedPipeline(new Finding(FindingType.LEASE_HELD, scope, "sweep " + sweepIdOf(got.holder().owner())
                            + " holds the lease on pipeline " + pipeline + " until " + got.holder().until() + "; its "
                            + actions.size() + " actions were not attempted; the next sweep plans them again"));
                    return;
                }
                keeper.hold(scope);
                if (got.abandoned() != null) {
                    reconcile(got.abandoned().owner(), reconciled, acc);
                }
            }
            try {
                // Write-ahead: no S3 call before its intent is in the audit table.
                audit.recordIntents(request.sweepId(), request.bucket(), actions);
                List<ActionResult> results = new ActionExecutor(store, pool, clock).execute(request.bucket(),
                        actions, n -> request.progress().actionsDone.addAndGet(n));
                audit.recordActions(request.sweepId(), request.bucket(), results);
                acc.addResults(results);
                done.add(pipeline, totals, results);
                checkpoints.save(done.checkpoint());
            } finally {
                if (scope != null) {
                    keeper.release(scope);
                }
            }
        }

        /** Noncurrent versions go last, under the sweep's own lease: they never hide or change a current object. */
        void actOnVersions(List<PlannedAction> actions, Accumulator acc) {
            if (actions.isEmpty()) {
                return;
            }
            if (done.thisInvocation > 0 && request.timeUp().getAsBoolean()) {
                throw new TimeUp("(noncurrent versions)");
            }
            keeper.requireHeld();
            audit.recordIntents(request.sweepId(), request.bucket(), actions);
            List<ActionResult> results = new ActionExecutor(store, pool, clock).execute(request.bucket(), actions,
                    n -> request.progress().actionsDone.addAndGet(n));
            audit.recordActions(request.sweepId(), request.bucket(), results);
            acc.addResults(results);
        }

        private LeaseStore.Acquisition acquireWaiting(String scope) {
            long deadline = System.nanoTime() + leaseWait.toNanos();
            while (true) {
                LeaseStore.Acquisition got = leases.acquire(request.bucket(), scope, owner,
                        clock.instant(), leaseTtl);
                if (got.acquired() || System.nanoTime() >= deadline) {
                    return got;
                }
                try {
                    Thread.sleep(Math.min(1000, Math.max(1, leaseWait.toMillis() / 10)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the lease on " + scope, e);
                }
            }
        }
    }

    private record Held(String pipeline, List<PlannedAction> actions, Totals totals) {}

    /** A pipeline's plan-level counts, kept while its actions wait for the act pass. */
    private record Totals(long runs, long objects, long bytes, long skippedSmall) {
        static Totals of(PipelinePlan plan) {
            Tally t = new Tally();
            t.plan(plan);
            return new Totals(t.runs, t.objects, t.bytes, t.skippedSmall);
        }
    }

    /** The pipelines an apply has finished, in listing order, as a checkpoint. */
    private static final class Done {
        final SweepRequest request;
        final long listed;
        final Instant startedAt;
        final Tally tally = new Tally();
        String lastPipeline;
        long deletesDone;
        int thisInvocation;

        Done(SweepRequest request, long listed, Instant startedAt) {
            this.request = request;
            this.listed = listed;
            Checkpoint cp = request.resumeFrom();
            this.startedAt = cp != null ? cp.startedAt() : startedAt;
            if (cp != null) {
                lastPipeline = cp.lastPipeline();
                deletesDone = cp.deletesDone();
                tally.add(cp.done());
            }
        }

        void add(String pipeline, Totals t, List<ActionResult> results) {
            thisInvocation++;
            lastPipeline = pipeline;
            tally.plan(t.runs(), t.objects(), t.bytes(), t.skippedSmall());
            results.forEach(tally::result);
            deletesDone += results.stream().filter(r -> r.outcome() == Outcome.DONE && r.action().type().deletes())
                    .count();
        }

        Checkpoint checkpoint() {
            return new Checkpoint(request.sweepId(), request.bucket(), request.policy().layout().prefix(),
                    request.pipelines().stream().map(SweepRequest::globText).toList(), request.trigger(),
                    request.force(), request.policy().sha256(), startedAt, lastPipeline, deletesDone, listed,
                    tally.summary(0));
        }
    }

    /** The time limit is near: stop before this pipeline. */
    private static final class TimeUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimeUp(String pipeline) {
            super(pipeline, null, false, false);
        }
    }

    /** What the plan pass leaves for the guard and the act pass. {@code held} is null once over the hold limit. */
    private static final class PlanPass {
        final long holdLimit;
        List<Held> held = new ArrayList<>();
        long heldActions;
        long deletes;
        /** Runs whose noncurrent versions stay too: pinned and in-progress ones. */
        final Set<String> untouchedRuns = new HashSet<>();
        List<PlannedAction> versionActions = List.of();

        PlanPass(long holdLimit) {
            this.holdLimit = holdLimit;
        }

        void add(PipelinePlan plan) {
            deletes += deletes(plan.actions());
            for (RunDecision d : plan.runs()) {
                if (d.disposition() == Disposition.PINNED || d.disposition() == Disposition.IN_PROGRESS) {
                    untouchedRuns.add(d.run().prefix());
                }
            }
            if (held == null) {
                return;
            }
            heldActions += plan.actions().size();
            if (heldActions > holdLimit) {
                held = null;
            } else {
                held.add(new Held(plan.pipeline(), plan.actions(), Totals.of(plan)));
            }
        }
    }

    private PlanPass planPass(SweepRequest request, ExecutorService pool, Accumulator acc, long hold) {
        PlanPass pass = new PlanPass(hold);
        scan(request, acc, true, (pipeline, raw) -> {
            PipelinePlan plan = plan(request, pipeline, raw, pool, acc, true);
            if (plan == null) {
                return;
            }
            acc.addPlan(plan);
            Instant at = clock.instant();
            acc.addResults(plan.actions().stream().map(a -> new ActionResult(a, Outcome.PLANNED, null, at)).toList());
            pass.add(plan);
        });
        return pass;
    }

    /**
     * In a versioned bucket a delete only adds a delete marker: say so, and how to undo it. With
     * {@code noncurrentVersions} set, plan the deletion of old noncurrent versions (held, counted by the guard).
     */
    private void planVersions(SweepRequest request, Accumulator acc, PlanPass pass) {
        Integer days = request.policy().noncurrentExpireAfterDays();
        if (days == null && pass.deletes == 0) {
            return;
        }
        String bucket = request.bucket();
        BucketVersioning versioning;
        try {
            versioning = source.versioning(bucket);
        } catch (RuntimeException e) {
            acc.sweepFindings.add(new Finding(FindingType.VERSIONING, bucket, "could not read the bucket's versioning ("
                    + describe(e) + "): whether deletes can be undone is unknown"
                    + (days == null ? "" : "; noncurrent versions were not cleaned up")));
            return;
        }
        if (versioning.keepsVersions() && pass.deletes > 0) {
            acc.sweepFindings.add(new Finding(FindingType.VERSIONING, bucket, "s3://" + bucket + " is versioned ("
                    + versioning + "): deletes add delete markers and the data stays, recoverable, as noncurrent"
                    + " versions (still billed). Each delete's audit item and report action carry"
                    + " deleteMarkerVersionId; to bring an object back, delete its marker: aws s3api delete-object"
                    + " --bucket " + bucket + " --key KEY --version-id DELETE_MARKER_VERSION_ID. "
                    + (days == null ? "Set noncurrentVersions.expireAfterDays (or an S3 Lifecycle"
                            + " NoncurrentVersionExpiration rule) to remove noncurrent versions after a while."
                            : "noncurrentVersions.expireAfterDays " + days + " removes them " + days
                                    + " days after they became noncurrent.")));
        }
        if (days == null) {
            return;
        }
        if (!versioning.keepsVersions()) {
            acc.sweepFindings.add(new Finding(FindingType.VERSIONING, bucket, "noncurrentVersions is set but s3://"
                    + bucket + " is not versioned: there are no noncurrent versions to clean up"));
            return;
        }
        Checkpoint cp = request.resumeFrom();
        List<PlannedAction> actions = NoncurrentPlanner.plan(source.listVersions(bucket, request.listingPrefix()),
                request.policy(), request.asOf(), pass.untouchedRuns::contains,
                p -> request.selects(p) && (cp == null || cp.isAfterDone(p)));
        Instant at = clock.instant();
        acc.addResults(actions.stream().map(a -> new ActionResult(a, Outcome.PLANNED, null, at)).toList());
        pass.deletes += actions.size();
        pass.versionActions = actions;
    }

    private static long deletes(List<PlannedAction> actions) {
        return actions.stream().filter(a -> a.type().deletes()).count();
    }

    private interface PipelineVisitor {
        void visit(String pipeline, List<RunObjects> runs);
    }

    private void scan(SweepRequest request, Accumulator acc, boolean countProgress, PipelineVisitor visitor) {
        Iterator<StoredObject> listing = counting(source.list(request.bucket(), request.listingPrefix()), acc,
                countProgress ? request.progress() : new SweepProgress());
        RunScanner.scan(listing, request.policy().layout(), new RunScanner.Sink() {
            @Override
            public void pipeline(String pipeline, List<RunObjects> runs) {
                Checkpoint cp = request.resumeFrom();
                if (request.selects(pipeline) && (cp == null || cp.isAfterDone(pipeline))) {
                    visitor.visit(pipeline, runs);
                }
            }

            @Override
            public void orphan(StoredObject object) {
                acc.orphan(object);
            }
        });
    }

    /** Inspects and plans one pipeline; null when it must be skipped (recorded in {@code acc}). */
    private PipelinePlan plan(SweepRequest request, String pipeline, List<RunObjects> raw, ExecutorService pool,
            Accumulator acc, boolean countProgress) {
        Policy policy = request.policy();
        Layout layout = policy.layout();
        List<Run> runs;
        if (policy.ruleFor(pipeline).isEmpty()) {
            // Nothing will happen to these runs, so their manifests are not worth a GET each.
            runs = raw.stream().map(r -> RunInspector.inspect(r, layout, Optional.empty())).toList();
        } else {
            try {
                runs = inspectAll(request.bucket(), raw, layout, pool);
            } catch (UnreadableManifestException e) {
                // Acting without a manifest we could not read might expire a pinned or newest run: skip the pipeline.
                acc.skippedPipeline(new Finding(FindingType.CORRUPT_MANIFEST, e.key, "manifest could not be read ("
                        + e.getMessage() + "); pipeline " + pipeline + " was not planned, nothing in it changed"));
                return null;
            }
        }
        PipelinePlan plan = Planner.plan(pipeline, runs, policy, request.asOf());
        if (countProgress) {
            request.progress().runsPlanned.addAndGet(runs.size());
            request.progress().actionsPlanned.addAndGet(plan.actions().size());
        }
        return plan;
    }

    private List<Run> inspectAll(String bucket, List<RunObjects> raw, Layout layout, ExecutorService pool) {
        List<CompletableFuture<Run>> futures = new ArrayList<>(raw.size());
        for (RunObjects r : raw) {
            Optional<String> manifestKey = RunInspector.manifestKey(r, layout);
            if (manifestKey.isEmpty()) {
                futures.add(CompletableFuture.completedFuture(RunInspector.inspect(r, layout, Optional.empty())));
                continue;
            }
            String key = manifestKey.get();
            futures.add(CompletableFuture.supplyAsync(() -> {
                Optional<byte[]> bytes;
                try {
                    bytes = source.read(bucket, key, RunInspector.MAX_MANIFEST_BYTES);
                } catch (RuntimeException e) {
                    throw new UnreadableManifestException(key, describe(e));
                }
                return RunInspector.inspect(r, layout, bytes);
            }, pool));
        }
        List<Run> runs = new ArrayList<>(raw.size());
        for (CompletableFuture<Run> f : futures) {
            try {
                runs.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof UnreadableManifestException u) {
                    throw u;
                }
                throw e;
            }
        }
        return runs;
    }

    private static Iterator<StoredObject> counting(Iterator<StoredObject> it, Accumulator acc,
            SweepProgress progress) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public StoredObject next() {
                StoredObject o = it.next();
                acc.listed++;
                progress.objectsListed.incrementAndGet();
                return o;
            }
        };
    }

    private static ThreadFactory daemonThreads(String sweepId) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sweep-" + sweepId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The bucket grew past a safety limit between the plan pass and the act pass. */
    private static final class GuardTripped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GuardTripped(String message) {
            super(message);
        }
    }

    private static final class UnreadableManifestException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String key;

        UnreadableManifestException(String key, String message) {
            super(message);
            this.key = key;
        }
    }

    /** Totals as the sweep goes; only actions are kept whole, for the report. */
    private static final class Accumulator {
        final int maxActionsKept;
        /** Findings about the sweep as a whole (kill switch, guard, leases, reconciliation); kept by every pass. */
        final List<Finding> sweepFindings;
        final List<PipelineReport> pipelines = new ArrayList<>();
        final List<ActionResult> actions = new ArrayList<>();
        long actionsOmitted;
        final List<Finding> findings = new ArrayList<>();
        long listed;
        Tally tally = new Tally();
        long orphans;
        int skippedPipelines;
        /** Totals of the earlier parts of a resumed sweep. */
        SweepSummary before = new SweepSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Accumulator(int maxActionsKept) {
            this(maxActionsKept, new ArrayList<>());
        }

        private Accumulator(int maxActionsKept, List<Finding> sweepFindings) {
            this.maxActionsKept = maxActionsKept;
            this.sweepFindings = sweepFindings;
        }

        /** A new accumulator for a pass that lists again: only the sweep-wide findings carry over. */
        Accumulator fresh() {
            Accumulator a = new Accumulator(maxActionsKept, sweepFindings);
            a.before = before;
            return a;
        }

        /** The plan as counted so far, with its (planned) actions dropped, for the act pass to fill in. */
        Accumulator withoutActions() {
            Accumulator a = fresh();
            a.pipelines.addAll(pipelines);
            a.findings.addAll(findings);
            a.listed = listed;
            a.tally = tally.planOnly();
            a.orphans = orphans;
            a.skippedPipelines = skippedPipelines;
            return a;
        }

        /** For an aborted apply: the plan's actions stay listed (as PLANNED) but nothing counts as done. */
        Accumulator plannedOnly() {
            Accumulator a = withoutActions();
            a.actions.addAll(actions);
            a.actionsOmitted = actionsOmitted;
            return a;
        }

        void skippedPipeline(Finding why) {
            skippedPipelines++;
            findings.add(why);
        }

        SweepStatus status() {
            return tally.failed > 0 || skippedPipelines > 0 ? SweepStatus.PARTIAL : SweepStatus.SUCCEEDED;
        }

        void orphan(StoredObject o) {
            orphans++;
            if (orphans <= MAX_LISTED_ORPHANS) {
                findings.add(new Finding(FindingType.ORPHAN, o.key(), "does not fit the layout pattern; never touched"));
            } else if (orphans == MAX_LISTED_ORPHANS + 1) {
                findings.add(new Finding(FindingType.ORPHAN, o.key(), "more orphans follow; only the first "
                        + MAX_LISTED_ORPHANS + " are listed, summary.orphans counts them all"));
            }
        }

        void addPlan(PipelinePlan plan) {
            Map<Disposition, Long> runCounts = new EnumMap<>(Disposition.class);
            Map<Disposition, Long> byteCounts = new EnumMap<>(Disposition.class);
            for (RunDecision d : plan.runs()) {
                runCounts.merge(d.disposition(), 1L, Long::sum);
                byteCounts.merge(d.disposition(), d.run().sizeBytes(), Long::sum);
            }
            pipelines.add(new PipelineReport(plan.pipeline(), plan.rule(), runCounts, byteCounts));
            findings.addAll(plan.findings());
            tally.plan(plan);
        }

        void addResults(List<ActionResult> results) {
            for (ActionResult r : results) {
                if (actions.size() < maxActionsKept) {
                    actions.add(r);
                } else {
                    actionsOmitted++;
                }
                tally.result(r);
            }
        }

        SweepReport report(SweepRequest req, Instant startedAt, Instant finishedAt, SweepStatus status, String error) {
            Tally total = new Tally();
            total.add(before);
            total.add(tally.summary(0));
            List<Finding> all = new ArrayList<>(sweepFindings);
            all.addAll(findings);
            return new SweepReport(req.sweepId(), req.mode(), req.trigger(), req.bucket(),
                    req.policy().layout().prefix(), req.asOf(), startedAt, finishedAt, status, total.summary(orphans),
                    pipelines, actions, actionsOmitted, all, req.policy().sha256(), error, req.force());
        }
    }
}
