package dev.artifactlifecycle.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifactlifecycle.core.model.Finding;
import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.testing.InMemoryBucket;
import dev.artifactlifecycle.core.testing.InMemoryCheckpointStore;
import dev.artifactlifecycle.core.testing.InMemoryLeaseStore;
import dev.artifactlifecycle.core.testing.MutableClock;
import dev.artifactlifecycle.core.testing.Policies;
import dev.artifactlifecycle.core.testing.RecordingAuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guards, leases, write-ahead audit, reconciliation and kills, on in-memory fakes. */
class SweepSafetyTest {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final long BIG = 1024 * 1024;
    static final String RULES = """
              - name: main
                keepLastRuns: 2
                archiveAfterDays: 30
                archiveStorageClass: STANDARD_IA
                longTermAfterDays: 120
                longTermStorageClass: GLACIER
                expireAfterDays: 365
            """;
    static final Policy LOOSE = Policies.withSafety("  maxDeleteFraction: 1\n", RULES);

    InMemoryBucket bucket;
    RecordingAuditLog audit;
    InMemoryLeaseStore leases;
    MutableClock clock;

    @BeforeEach
    void setUp() {
        bucket = new InMemoryBucket("b");
        audit = new RecordingAuditLog();
        leases = new InMemoryLeaseStore();
        clock = new MutableClock(NOW);
    }

    SweepService service(long holdLimit) {
        return new SweepService(bucket, bucket, audit, leases, clock, holdLimit, Duration.ofMinutes(2), Duration.ZERO);
    }

    SweepService service() {
        return service(SweepService.DEFAULT_HOLD_LIMIT);
    }

    SweepRequest request(Mode mode, Policy policy, String... pipelines) {
        return new SweepRequest(SweepId.of(clock.instant(), new Random()), "b", policy, mode, Trigger.CLI,
                clock.instant(), Arrays.stream(pipelines).map(Glob::compile).toList(), 4, null);
    }

    void run(String pipeline, String id, int ageDays, int files) {
        String prefix = "ci/" + pipeline + "/" + id + "/";
        bucket.put(prefix + "metadata.json", "{\"created_at\":\"" + NOW.minus(Duration.ofDays(ageDays))
                + "\",\"status\":\"succeeded\"}");
        for (int i = 0; i < files; i++) {
            bucket.put(prefix + "f" + i + ".bin", BIG, StorageClass.STANDARD);
        }
    }

    /** Two pipelines, each with runs to keep, archive, move long-term and expire. */
    void seed() {
        for (String p : List.of("api", "web")) {
            run(p, "r1", 1, 3);
            run(p, "r2", 2, 3);
            run(p, "r3", 40, 3);
            run(p, "r4", 200, 3);
            run(p, "r5", 400, 3);
            run(p, "r6", 500, 3);
        }
    }

    static List<FindingType> types(SweepReport r) {
        return r.findings().stream().map(Finding::type).toList();
    }

    static String message(SweepReport r, FindingType t) {
        return r.findings().stream().filter(f -> f.type() == t).map(Finding::message).findFirst().orElseThrow();
    }

    // ---- guards -------------------------------------------------------------------------------------------------

    @Test
    void anApplyOverMaxDeletesIsAbortedBeforeAnyChangeAndSaysByHowMuch() {
        seed();
        Map<String, String> before = bucket.snapshot();
        Policy p = Policies.withSafety("  maxDeletesPerSweep: 10\n  maxDeleteFraction: 1\n", RULES);
        SweepReport r = service().sweep(request(Mode.APPLY, p));
        assertThat(r.status()).isEqualTo(SweepStatus.ABORTED);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(bucket.mutations).isEmpty();
        assertThat(bucket.snapshot()).isEqualTo(before);
        assertThat(audit.writes).isEmpty();
        assertThat(audit.summaries).extracting(SweepReport::status).containsExactly(SweepStatus.ABORTED);
        // 2 pipelines x 2 expired runs x 4 objects = 16 deletes
        assertThat(r.error()).contains("the plan deletes 16 objects, over safety.maxDeletesPerSweep 10 by 6");
        assertThat(message(r, FindingType.GUARD)).contains("nothing was changed").contains("--force");
        assertThat(r.summary().transitions()).isZero();
    }

    @Test
    void anApplyOverMaxDeleteFractionIsAborted() {
        seed();
        Policy p = Policies.withSafety("  maxDeleteFraction: 0.25\n", RULES);
        SweepReport r = service().sweep(request(Mode.APPLY, p));
        assertThat(r.status()).isEqualTo(SweepStatus.ABORTED);
        // 48 objects listed, 16 deletes: 0.333 > 0.25 allows 12
        assertThat(r.error()).contains("deletes 16 of the 48 objects listed (0.333), over safety.maxDeleteFraction"
                + " 0.25 by 4 objects");
        assertThat(bucket.mutations).isEmpty();
    }

    @Test
    void theDefaultFractionStopsAnApplyThatWouldDeleteMostOfTheBucket() {
        run("api", "r1", 400, 3);
        run("api", "r2", 400, 3);
        run("api", "r3", 1, 3);
        Policy p = Policies.withRules("  - name: main\n    strategy: aggressive\n    keepLastRuns: 1\n");
        SweepReport r = service().sweep(request(Mode.APPLY, p));
        assertThat(r.status()).isEqualTo(SweepStatus.ABORTED);
        assertThat(r.error()).contains("over safety.maxDeleteFraction 0.5");
    }

    @Test
    void aDryRunSaysTheApplyWouldBeAbortedAndStillShowsThePlan() {
        seed();
        Policy p = Policies.withSafety("  maxDeletesPerSweep: 10\n", RULES);
        SweepReport r = service().sweep(request(Mode.DRY_RUN, p));
        assertThat(r.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(r.summary().deletes()).isEqualTo(16);
        assertThat(message(r, FindingType.GUARD)).startsWith("an apply of this plan would be aborted")
                .contains("over safety.maxDeletesPerSweep 10 by 6");
    }

    @Test
    void forceGoesPastTheGuardAndTheReportAndAuditSaySo() {
        seed();
        Policy p = Policies.withSafety("  maxDeletesPerSweep: 10\n", RULES);
        SweepReport r = service().sweep(request(Mode.APPLY, p).withForce(true));
        assertThat(r.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(r.summary().deletes()).isEqualTo(16);
        assertThat(r.force()).isTrue();
        assertThat(message(r, FindingType.GUARD_OVERRIDDEN)).contains("over safety.maxDeletesPerSweep 10 by 6");
        assertThat(audit.summaries.get(0).force()).isTrue();
    }

    @Test
    void aPlanTooLargeToHoldIsListedAgainAndEndsInTheSameState() {
        seed();
        SweepReport held = service().sweep(request(Mode.APPLY, LOOSE));
        Map<String, String> expected = bucket.snapshot();

        setUp();
        seed();
        CountingSource counting = new CountingSource(bucket);
        SweepService relisting = new SweepService(counting, bucket, audit, leases, clock, 1, Duration.ofMinutes(2),
                Duration.ZERO);
        SweepReport r = relisting.sweep(request(Mode.APPLY, LOOSE));
        assertThat(counting.lists.get()).isEqualTo(2);
        assertThat(r.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(bucket.snapshot()).isEqualTo(expected);
        assertThat(r.summary()).isEqualTo(held.summary());
    }

    @Test
    void aBucketThatGrowsPastTheLimitBetweenPlanAndActStopsBeforeTheNextPipeline() {
        seed();
        Policy p = Policies.withSafety("  maxDeletesPerSweep: 20\n  maxDeleteFraction: 1\n", RULES);
        CountingSource counting = new CountingSource(bucket);
        // After the plan pass, web gets two more expired runs: 16 + 8 deletes > 20.
        counting.afterFirstList = () -> {
            run("web", "r7", 600, 3);
            run("web", "r8", 700, 3);
        };
        SweepService relisting = new SweepService(counting, bucket, audit, leases, clock, 1, Duration.ofMinutes(2),
                Duration.ZERO);
        SweepReport r = relisting.sweep(request(Mode.APPLY, p));
        assertThat(r.status()).isEqualTo(SweepStatus.ABORTED);
        assertThat(r.error()).contains("stopped before pipeline web").contains("the pipelines before it were applied");
        assertThat(bucket.mutations).allMatch(m -> m.contains("ci/api/"));
        assertThat(bucket.mutations).isNotEmpty();
    }

    // ---- write-ahead audit --------------------------------------------------------------------------------------

    @Test
    void everyIntentIsAuditedBeforeItsS3CallAndEveryOutcomeAfter() {
        seed();
        bucket.beforeMutation = m -> audit.writes.add("S3 " + m);
        SweepReport r = service().sweep(request(Mode.APPLY, LOOSE));
        assertThat(r.status()).isEqualTo(SweepStatus.SUCCEEDED);
        List<String> w = audit.writes;
        for (String call : w.stream().filter(x -> x.startsWith("S3 ")).toList()) {
            String key = call.substring(call.lastIndexOf(' ') + 1);
            int s3 = w.indexOf(call);
            assertThat(w.indexOf("INTENT " + key)).as("intent of " + key).isBetween(0, s3 - 1);
            int outcome = indexStartingWith(w, "OUTCOME " + key + " ");
            assertThat(outcome).as("outcome of " + key).isGreaterThan(s3);
        }
        assertThat(audit.itemsWith(Outcome.PENDING)).isEmpty();
        assertThat(audit.itemsWith(Outcome.DONE)).hasSize((int) (r.summary().transitions() + r.summary().deletes()));
    }

    @Test
    void anIntentThatCannotBeWrittenStopsTheSweepBeforeAnyChange() {
        seed();
        audit.failIntents = true;
        SweepReport r = service().sweep(request(Mode.APPLY, LOOSE));
        assertThat(r.status()).isEqualTo(SweepStatus.FAILED);
        assertThat(r.error()).contains("audit table unavailable");
        assertThat(bucket.mutations).isEmpty();
    }

    @Test
    void anApplyWhoseOutcomesCannotBeWrittenSettlesItsPendingItemsBeforeItEnds() {
        seed();
        audit.failActions = true;
        SweepReport r = service().sweep(request(Mode.APPLY, LOOSE));
        assertThat(r.status()).isEqualTo(SweepStatus.FAILED);
        assertThat(bucket.mutations).isNotEmpty();
        assertThat(audit.itemsWith(Outcome.PENDING)).isEmpty();
        assertThat(audit.itemsWith(Outcome.DONE)).isNotEmpty()
                .allMatch(i -> i.note().startsWith("reconciled: the sweep stopped before recording this"));
        assertThat(leases.all()).isEmpty();
    }

    // ---- kills and reconciliation -------------------------------------------------------------------------------

    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed");
        }
    }

    /** Kills the sweep at its {@code n}th mutating call; every later call dies too, as in a dead process. */
    void killAt(int n) {
        AtomicInteger calls = new AtomicInteger();
        bucket.beforeMutation = m -> {
            if (calls.incrementAndGet() >= n) {
                throw new Killed();
            }
        };
        leases.releasesLost = true;
    }

    @Test
    void aSweepKilledAtAnyPointAndRunAgainConvergesWithExactlyOneDoneItemPerMutation() {
        seed();
        SweepReport clean = service().sweep(request(Mode.APPLY, LOOSE));
        Map<String, String> expected = bucket.snapshot();
        int calls = countCalls();
        assertThat(calls).isGreaterThan(10);

        Random random = new Random(42);
        List<Integer> points = new ArrayList<>(List.of(1, 2, calls));
        for (int i = 0; i < 8; i++) {
            points.add(1 + random.nextInt(calls));
        }
        for (int point : points) {
            setUp();
            seed();
            killAt(point);
            SweepReport killed = service().sweep(request(Mode.APPLY, LOOSE));
            assertThat(killed.status()).as("kill at " + point).isEqualTo(SweepStatus.FAILED);

            bucket.beforeMutation = m -> {};
            leases.releasesLost = false;
            SweepReport blocked = service().sweep(request(Mode.APPLY, LOOSE));
            assertThat(blocked.status()).as("the dead sweep's lease still holds").isEqualTo(SweepStatus.SKIPPED);

            clock.advance(Duration.ofMinutes(3));
            SweepReport rerun = service().sweep(request(Mode.APPLY, LOOSE));
            assertThat(rerun.status()).as("rerun after kill at " + point).isEqualTo(SweepStatus.SUCCEEDED);
            assertThat(bucket.snapshot()).as("state after kill at " + point).isEqualTo(expected);
            assertThat(audit.itemsWith(Outcome.PENDING)).as("pending after kill at " + point).isEmpty();
            Map<String, Integer> done = new HashMap<>();
            for (RecordingAuditLog.Item i : audit.itemsWith(Outcome.DONE)) {
                done.merge(i.action().key(), 1, Integer::sum);
            }
            assertThat(done.values()).as("one DONE per mutation, kill at " + point).allMatch(n -> n == 1);
            assertThat(done).hasSize((int) (clean.summary().transitions() + clean.summary().deletes()));
            // Every kill point is after the first intents were written, so there is always something to reconcile.
            assertThat(types(rerun)).as("kill at " + point).contains(FindingType.RECONCILED);
        }
    }

    @Test
    void reconciliationMarksWhatWasDoneDoneAndWhatWasNotFailed() {
        seed();
        killAt(3); // two transitions happen, the third call dies
        SweepReport killed = service().sweep(request(Mode.APPLY, LOOSE));
        List<PendingAction> pending = audit.pendingActions(killed.sweepId());
        assertThat(pending).isNotEmpty();
        bucket.beforeMutation = m -> {};
        clock.advance(Duration.ofMinutes(3));
        SweepReport rerun = service().sweep(request(Mode.APPLY, LOOSE));
        long doneByKilled = audit.items.values().stream()
                .filter(i -> i.sweepId().equals(killed.sweepId()) && i.outcome() == Outcome.DONE).count();
        assertThat(doneByKilled).isEqualTo(2);
        assertThat(audit.items.values()).filteredOn(i -> i.sweepId().equals(killed.sweepId())
                && i.outcome() == Outcome.FAILED).allMatch(i -> i.note().contains("a later sweep plans it again"));
        assertThat(message(rerun, FindingType.RECONCILED)).contains("2 had been done");
    }

    // ---- leases -------------------------------------------------------------------------------------------------

    @Test
    void aSecondSweepOverTheSameScopeIsSkippedAndSaysWhoHoldsItUntilWhen() {
        seed();
        leases.hold("b", "ci/", "20261101T000000Z-aaaaaaaa", NOW.plus(Duration.ofMinutes(1)));
        SweepReport r = service().sweep(request(Mode.APPLY, LOOSE));
        assertThat(r.status()).isEqualTo(SweepStatus.SKIPPED);
        assertThat(r.exitCode()).isZero();
        assertThat(message(r, FindingType.LEASE_HELD)).contains("20261101T000000Z-aaaaaaaa")
                .contains("2026-11-01T00:01:00Z");
        assertThat(bucket.mutations).isEmpty();
        assertThat(audit.summaries).extracting(SweepReport::status).containsExactly(SweepStatus.SKIPPED);
    }

    @Test
    void aPipelineLeasedByAnUploadSweepIsLeftAloneWhileTheOthersAreSwept() {
        seed();
        leases.hold("b", "ci/web/", "20261101T000000Z-bbbbbbbb", NOW.plus(Duration.ofMinutes(1)));
        SweepReport r = service().sweep(request(Mode.APPLY, LOOSE));
        assertThat(r.status()).isEqualTo(SweepStatus.PARTIAL);
        assertThat(message(r, FindingType.LEASE_HELD)).contains("pipeline web");
        assertThat(bucket.mutations).isNotEmpty().allMatch(m -> m.contains("ci/api/"));
    }

    @Test
    void anUploadSweepLeasesOnlyItsPipelineAndAWholeSweepLeasesEachPipelineWhileActing() {
        seed();
        List<List<String>> seen = new ArrayList<>();
        bucket.beforeMutation = m -> seen.add(leases.all().stream().map(LeaseStore.Lease::scope).toList());
        service().sweep(request(Mode.APPLY, LOOSE, "api"));
        assertThat(seen).isNotEmpty().allMatch(s -> s.equals(List.of("ci/api/")));
        assertThat(leases.all()).isEmpty();

        seen.clear();
        service().sweep(request(Mode.APPLY, LOOSE));
        assertThat(seen).isNotEmpty().allMatch(s -> s.contains("ci/") && s.size() == 2);
        assertThat(leases.all()).isEmpty();
    }

    @Test
    void aDryRunTakesNoLease() {
        seed();
        leases.hold("b", "ci/", "20261101T000000Z-aaaaaaaa", NOW.plus(Duration.ofMinutes(1)));
        SweepReport r = service().sweep(request(Mode.DRY_RUN, LOOSE));
        assertThat(r.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(r.summary().deletes()).isEqualTo(16);
    }

    @Test
    void aKeeperRenewsItsLeasesAndNoticesWhenOneIsTakenOver() throws Exception {
        InMemoryLeaseStore store = new InMemoryLeaseStore();
        java.time.Clock real = java.time.Clock.systemUTC();
        store.acquire("b", "ci/", "me", real.instant(), Duration.ofMillis(300));
        Instant first = store.all().get(0).until();
        try (LeaseKeeper keeper = new LeaseKeeper(store, "b", "me", real, Duration.ofMillis(300))) {
            keeper.hold("ci/");
            Thread.sleep(400);
            assertThat(store.all().get(0).until()).isAfter(first);
            keeper.requireHeld();
            store.hold("b", "ci/", "other", real.instant().plusSeconds(60));
            Thread.sleep(300);
            org.assertj.core.api.Assertions.assertThatThrownBy(keeper::requireHeld)
                    .hasMessageContaining("lost the lease on ci/");
        }
        assertThat(store.all()).extracting(LeaseStore.Lease::owner).containsExactly("other");
    }

    /** How many mutating calls a clean apply of {@link #seed()} makes (a delete batch is one call). */
    int countCalls() {
        InMemoryBucket saved = bucket;
        RecordingAuditLog savedAudit = audit;
        setUp();
        seed();
        AtomicInteger n = new AtomicInteger();
        bucket.beforeMutation = m -> n.incrementAndGet();
        service().sweep(request(Mode.APPLY, LOOSE));
        bucket = saved;
        audit = savedAudit;
        return n.get();
    }

    // ---- resumable sweeps ---------------------------------------------------------------------------------------

    @Test
    void aSweepOutOfTimeStopsBetweenPipelinesWithACheckpointAndItsContinuationFinishesWithoutRepeatingAnything() {
        seed();
        SweepReport straight = service().sweep(request(Mode.APPLY, LOOSE));
        Map<String, String> expected = bucket.snapshot();

        setUp();
        seed();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        SweepService s = new SweepService(bucket, bucket, audit, leases, checkpoints, clock, 100_000,
                Duration.ofMinutes(2), Duration.ZERO);
        // Time is already short: the sweep still does one pipeline, so that every invocation makes progress.
        SweepRequest first = request(Mode.APPLY, LOOSE).withTimeUp(() -> true);
        SweepReport part1 = s.sweep(first);
        assertThat(part1.status()).isEqualTo(SweepStatus.CONTINUED);
        assertThat(message(part1, FindingType.CHECKPOINT)).contains("stopped before pipeline web")
                .contains("sweep --resume " + part1.sweepId());
        assertThat(bucket.mutations).isNotEmpty().allMatch(m -> m.contains("ci/api/"));
        assertThat(leases.all()).as("released for the continuation").isEmpty();
        Checkpoint cp = checkpoints.load(part1.sweepId()).orElseThrow();
        assertThat(cp.lastPipeline()).isEqualTo("api");
        assertThat(cp.deletesDone()).isEqualTo(8);

        bucket.mutations.clear();
        SweepReport part2 = s.sweep(SweepRequest.resuming(cp, LOOSE, clock.instant(), 4, null, Integer.MAX_VALUE));
        assertThat(part2.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(part2.sweepId()).isEqualTo(part1.sweepId());
        assertThat(types(part2)).contains(FindingType.RESUMED);
        assertThat(bucket.mutations).isNotEmpty().allMatch(m -> m.contains("ci/web/"));
        assertThat(bucket.snapshot()).isEqualTo(expected);
        assertThat(part2.summary()).isEqualTo(straight.summary());
        assertThat(checkpoints.load(part1.sweepId())).as("a finished sweep has nothing left to resume").isEmpty();
        assertThat(audit.itemsWith(Outcome.DONE)).hasSize((int) (straight.summary().transitions()
                + straight.summary().deletes()));
    }

    @Test
    void aKilledSweepCanBeResumedFromItsLastCheckpoint() {
        seed();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        SweepService s = new SweepService(bucket, bucket, audit, leases, checkpoints, clock, 100_000,
                Duration.ofMinutes(2), Duration.ZERO);
        AtomicInteger calls = new AtomicInteger();
        // Dies in the second pipeline (web), after api was done and checkpointed.
        bucket.beforeMutation = m -> {
            if (m.contains("ci/web/") && calls.incrementAndGet() >= 2) {
                throw new Killed();
            }
        };
        SweepReport killed = s.sweep(request(Mode.APPLY, LOOSE));
        assertThat(killed.status()).isEqualTo(SweepStatus.FAILED);
        Checkpoint cp = checkpoints.load(killed.sweepId()).orElseThrow();
        assertThat(cp.lastPipeline()).isEqualTo("api");

        bucket.beforeMutation = m -> {};
        bucket.mutations.clear();
        assertThat(s.sweep(SweepRequest.resuming(cp, LOOSE, clock.instant(), 4, null, Integer.MAX_VALUE)).status())
                .as("the dead invocation's lease holds until it runs out").isEqualTo(SweepStatus.SKIPPED);
        clock.advance(Duration.ofMinutes(3));
        SweepReport resumed = s.sweep(SweepRequest.resuming(cp, LOOSE, clock.instant(), 4, null, Integer.MAX_VALUE));
        assertThat(resumed.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(bucket.mutations).allMatch(m -> m.contains("ci/web/"));
        assertThat(audit.itemsWith(Outcome.PENDING)).as("the resumed sweep reconciles its own earlier intents")
                .isEmpty();
    }

    @Test
    void aSweepIsResumedOnlyUnderThePolicyItPlannedWith() {
        Checkpoint cp = new Checkpoint("20261101T000000Z-aaaaaaaa", "b", "ci/", List.of(), Trigger.CLI, false,
                "0".repeat(64), NOW, "api", 0, 10, new SweepSummary(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SweepRequest.resuming(cp, LOOSE, NOW, 4, null, 10))
                .hasMessageContaining("the policy changed since sweep 20261101T000000Z-aaaaaaaa started");
    }

    @Test
    void pipelinesAreDoneInTheByteOrderS3ListsTheirKeysIn() {
        Checkpoint cp = new Checkpoint("20261101T000000Z-aaaaaaaa", "b", "ci/", List.of(), Trigger.CLI, false,
                "0".repeat(64), NOW, "a", 0, 10, new SweepSummary(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        // Keys "a-b/…" and "a.b/…" sort before "a/…" ('-' and '.' are below '/'), "ab/…" and "é/…" after.
        assertThat(cp.isAfterDone("a-b")).isFalse();
        assertThat(cp.isAfterDone("a.b")).isFalse();
        assertThat(cp.isAfterDone("a")).isFalse();
        assertThat(cp.isAfterDone("ab")).isTrue();
        assertThat(cp.isAfterDone("a/b")).isTrue();
        assertThat(cp.isAfterDone("é")).isTrue();
    }

    static int indexStartingWith(List<String> list, String prefix) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Counts listings and can change the bucket right after the first one has been read. */
    static final class CountingSource implements ObjectSource {
        final InMemoryBucket bucket;
        final AtomicInteger lists = new AtomicInteger();
        Runnable afterFirstList = () -> {};

        CountingSource(InMemoryBucket bucket) {
            this.bucket = bucket;
        }

        @Override
        public Iterator<StoredObject> list(String b, String prefix) {
            if (lists.incrementAndGet() == 2) {
                afterFirstList.run();
            }
            return bucket.list(b, prefix);
        }

        @Override
        public Optional<byte[]> read(String b, String key, int maxBytes) {
            return bucket.read(b, key, maxBytes);
        }

        @Override
        public Optional<StoredObject> head(String b, String key) {
            return bucket.head(b, key);
        }
    }
}
