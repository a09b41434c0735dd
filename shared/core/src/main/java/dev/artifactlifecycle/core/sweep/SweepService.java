package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.KillSwitch;
import dev.artifactlifecycle.core.model.Finding;
import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.Run;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.plan.ActionType;
import dev.artifactlifecycle.core.plan.Disposition;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one use case every entry point calls: scan → plan → execute → audit, a pipeline at a time. A dry run goes
 * through the same steps and stops before execute; it writes only its summary.
 */
public final class SweepService {
    /** Orphans are counted in full but listed only up to this many, so a foreign prefix cannot flood the report. */
    static final int MAX_LISTED_ORPHANS = 1000;

    private final ObjectSource source;
    private final ObjectStore store;
    private final AuditLog audit;
    private final Clock clock;

    public SweepService(ObjectSource source, ObjectStore store, AuditLog audit, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SweepReport sweep(SweepRequest requested) {
        Instant startedAt = clock.instant();
        boolean killed = requested.mode() == Mode.APPLY && requested.policy().dryRunOnly();
        SweepRequest request = killed ? requested.withMode(Mode.DRY_RUN) : requested;
        Finding killSwitch = null;
        if (killed) {
            killSwitch = new Finding(FindingType.KILL_SWITCH, requested.sweepId(), "an apply was asked for, but the"
                    + " kill switch is on (policy safety.dryRunOnly or " + KillSwitch.ENV
                    + "); this sweep ran as a dry run and changed nothing");
        }
        if (request.mode() == Mode.APPLY && request.asOf().isAfter(startedAt)) {
            throw new IllegalArgumentException("asOf " + request.asOf() + " is in the future; only a dry run may"
                    + " forecast a later date");
        }
        Accumulator acc = new Accumulator(request.maxActionsKept());
        if (killSwitch != null) {
            acc.findings.add(killSwitch);
        }
        ExecutorService pool = Executors.newFixedThreadPool(request.concurrency(), daemonThreads(request.sweepId()));
        SweepStatus status;
        String error = null;
        try {
            Iterator<StoredObject> listing = counting(source.list(request.bucket(), request.listingPrefix()),
                    request.progress());
            RunScanner.scan(listing, request.policy().layout(), new RunScanner.Sink() {
                @Override
                public void pipeline(String pipeline, List<RunObjects> runs) {
                    if (request.selects(pipeline)) {
                        sweepPipeline(request, pipeline, runs, pool, acc);
                    }
                }

                @Override
                public void orphan(StoredObject object) {
                    acc.orphan(object);
                }
            });
            status = acc.failed > 0 || acc.skippedPipelines > 0 ? SweepStatus.PARTIAL : SweepStatus.SUCCEEDED;
        } catch (RuntimeException e) {
            status = SweepStatus.FAILED;
            error = describe(e);
        } finally {
            pool.shutdownNow();
        }
        SweepReport report = acc.report(request, startedAt, clock.instant(), status, error);
        audit.recordSummary(report);
        return report;
    }

    private void sweepPipeline(SweepRequest request, String pipeline, List<RunObjects> raw, ExecutorService pool,
            Accumulator acc) {
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
                acc.skippedPipelines++;
                acc.findings.add(new Finding(FindingType.CORRUPT_MANIFEST, e.key, "manifest could not be read ("
                        + e.getMessage() + "); pipeline " + pipeline + " was not planned, nothing in it changed"));
                return;
            }
        }
        PipelinePlan plan = Planner.plan(pipeline, runs, policy, request.asOf());
        request.progress().runsPlanned.addAndGet(runs.size());
        request.progress().actionsPlanned.addAndGet(plan.actions().size());
        List<ActionResult> results;
        if (request.mode() == Mode.APPLY && !plan.actions().isEmpty()) {
            results = new ActionExecutor(store, pool, clock).execute(request.bucket(), plan.actions(),
                    n -> request.progress().actionsDone.addAndGet(n));
            // Every mutation gets its audit item before the sweep moves on; if that fails the sweep fails.
            audit.recordActions(request.sweepId(), request.bucket(), results);
        } else {
            Instant at = clock.instant();
            results = plan.actions().stream().map(a -> new ActionResult(a, Outcome.PLANNED, null, at)).toList();
        }
        acc.add(plan, results);
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

    private static Iterator<StoredObject> counting(Iterator<StoredObject> it, SweepProgress progress) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public StoredObject next() {
                progress.objectsListed.incrementAndGet();
                return it.next();
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
        final List<PipelineReport> pipelines = new ArrayList<>();
        final List<ActionResult> actions = new ArrayList<>();
        long actionsOmitted;
        final List<Finding> findings = new ArrayList<>();
        long runs;
        long objects;
        long bytes;
        long transitions;
        long transitionBytes;
        long deletes;
        long deleteBytes;
        long failed;
        long skippedSmall;
        long orphans;
        int skippedPipelines;

        Accumulator(int maxActionsKept) {
            this.maxActionsKept = maxActionsKept;
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

        void add(PipelinePlan plan, List<ActionResult> results) {
            Map<Disposition, Long> runCounts = new EnumMap<>(Disposition.class);
            Map<Disposition, Long> byteCounts = new EnumMap<>(Disposition.class);
            for (RunDecision d : plan.runs()) {
                runs++;
                objects += d.run().objects().size();
                long size = d.run().sizeBytes();
                bytes += size;
                runCounts.merge(d.disposition(), 1L, Long::sum);
                byteCounts.merge(d.disposition(), size, Long::sum);
            }
            pipelines.add(new PipelineReport(plan.pipeline(), plan.rule(), runCounts, byteCounts));
            findings.addAll(plan.findings());
            skippedSmall += plan.skippedSmall();
            for (ActionResult r : results) {
                if (actions.size() < maxActionsKept) {
                    actions.add(r);
                } else {
                    actionsOmitted++;
                }
                PlannedAction a = r.action();
                if (r.outcome() == Outcome.FAILED) {
                    failed++;
                    continue;
                }
                if (a.type() == ActionType.TRANSITION) {
                    transitions++;
                    transitionBytes += a.object().sizeBytes();
                } else {
                    deletes++;
                    deleteBytes += a.object().sizeBytes();
                }
            }
        }

        SweepReport report(SweepRequest req, Instant startedAt, Instant finishedAt, SweepStatus status, String error) {
            SweepSummary summary = new SweepSummary(pipelines.size(), runs, objects, bytes, transitions,
                    transitionBytes, deletes, deleteBytes, failed, skippedSmall, orphans);
            return new SweepReport(req.sweepId(), req.mode(), req.trigger(), req.bucket(),
                    req.policy().layout().prefix(), req.asOf(), startedAt, finishedAt, status, summary, pipelines,
                    actions, actionsOmitted, findings, req.policy().sha256(), error);
        }
    }
}
