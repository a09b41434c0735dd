package dev.artifactlifecycle.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.Run;
import dev.artifactlifecycle.core.model.RunStatus;
import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.testing.Policies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per line of the planning contract (README, "Semantics"). asOf is fixed; runs are built directly. */
class PlannerTest {
    static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    static final long BIG = 1024 * 1024;

    /** keep 2, archive IA @30, long-term GLACIER @120, expire @365; failed: keep 1, expire 14; max 10 runs. */
    static final Policy POLICY = Policies.withRules("""
              - name: main
                keepLastRuns: 2
                archiveAfterDays: 30
                archiveStorageClass: STANDARD_IA
                longTermAfterDays: 120
                longTermStorageClass: GLACIER
                expireAfterDays: 365
                maxRuns: 10
                failedRuns:
                  keepLastRuns: 1
                  expireAfterDays: 14
            """);

    static Run run(String id, double ageDays, RunStatus status, boolean pinned, StoredObject... objects) {
        Instant t = AS_OF.minus(Duration.ofSeconds((long) (ageDays * 86_400)));
        List<StoredObject> list = objects.length > 0 ? List.of(objects)
                : List.of(obj("ci/p/" + id + "/app.jar", BIG, "STANDARD"));
        return new Run("p", id, "ci/p/" + id + "/", list, t, "manifest", status, pinned, List.of());
    }

    static Run ok(String id, double ageDays) {
        return run(id, ageDays, RunStatus.SUCCEEDED, false);
    }

    static StoredObject obj(String key, long size, String cls) {
        return new StoredObject(key, size, cls, AS_OF, null);
    }

    static PipelinePlan plan(Policy policy, Run... runs) {
        return Planner.plan("p", List.of(runs), policy, AS_OF);
    }

    static Disposition disposition(PipelinePlan plan, String runId) {
        return plan.runs().stream().filter(d -> d.run().runId().equals(runId)).findFirst().orElseThrow().disposition();
    }

    static RunDecision decision(PipelinePlan plan, String runId) {
        return plan.runs().stream().filter(d -> d.run().runId().equals(runId)).findFirst().orElseThrow();
    }

    static Stream<Arguments> singleRunDecisions() {
        // Two newer successful runs take ranks 0 and 1 (keepLastRuns 2), so the run under test has rank 2.
        return Stream.of(
                Arguments.of("below every threshold", 29.9, Disposition.KEEP),
                Arguments.of("archive at exactly archiveAfterDays", 30.0, Disposition.ARCHIVE),
                Arguments.of("archive", 100, Disposition.ARCHIVE),
                Arguments.of("long-term at exactly longTermAfterDays", 120.0, Disposition.LONG_TERM),
                Arguments.of("long-term", 364.9, Disposition.LONG_TERM),
                Arguments.of("expire at exactly expireAfterDays", 365.0, Disposition.EXPIRE),
                Arguments.of("expire", 900, Disposition.EXPIRE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleRunDecisions")
    void theFirstRuleThatAppliesDecides(String name, double age, Disposition expected) {
        PipelinePlan p = plan(POLICY, ok("new1", 1), ok("new2", 2), ok("x", age));
        assertThat(decision(p, "x").rank()).isEqualTo(2);
        assertThat(disposition(p, "x")).isEqualTo(expected);
    }

    @Test
    void theNewestKeepLastRunsAreKeptHoweverOld() {
        PipelinePlan p = plan(POLICY, ok("a", 1000), ok("b", 2000), ok("c", 3000));
        assertThat(disposition(p, "a")).isEqualTo(Disposition.KEEP);
        assertThat(disposition(p, "b")).isEqualTo(Disposition.KEEP);
        assertThat(decision(p, "b").reason()).contains("rank 1 < keepLastRuns 2");
        assertThat(disposition(p, "c")).isEqualTo(Disposition.EXPIRE);
    }

    @Test
    void runsRankedAtOrBeyondMaxRunsExpireWhateverTheirAge() {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add(ok("r" + (100 + i), 0.1 * (i + 1)));
        }
        PipelinePlan p = Planner.plan("p", runs, POLICY, AS_OF);
        assertThat(disposition(p, "r109")).as("rank 9").isEqualTo(Disposition.KEEP);
        assertThat(disposition(p, "r110")).as("rank 10").isEqualTo(Disposition.EXPIRE);
        assertThat(decision(p, "r110").reason()).contains("rank 10 >= maxRuns 10");
        assertThat(disposition(p, "r111")).isEqualTo(Disposition.EXPIRE);
    }

    @Test
    void failedRunsAreRankedSeparatelyAndUseTheFailedRunSettings() {
        PipelinePlan p = plan(POLICY,
                run("f1", 1, RunStatus.FAILED, false),
                run("f2", 3, RunStatus.FAILED, false),
                run("f3", 15, RunStatus.FAILED, false),
                ok("s1", 20), ok("s2", 21), ok("s3", 22));
        assertThat(decision(p, "f1").rank()).isZero();
        assertThat(disposition(p, "f1")).isEqualTo(Disposition.KEEP);
        assertThat(disposition(p, "f2")).as("failed rank 1, age 3 < failed expiry 14").isEqualTo(Disposition.KEEP);
        assertThat(disposition(p, "f3")).as("failed rank 2, age 15 >= 14").isEqualTo(Disposition.EXPIRE);
        assertThat(decision(p, "s1").rank()).as("failed runs take no successful rank").isZero();
        assertThat(disposition(p, "s3")).as("successful rank 2, age 22 < 30").isEqualTo(Disposition.KEEP);
    }

    @Test
    void unknownStatusRanksWithSucceeded() {
        PipelinePlan p = plan(POLICY, run("u", 1, RunStatus.UNKNOWN, false), ok("s1", 2), ok("s2", 400));
        assertThat(decision(p, "s1").rank()).isEqualTo(1);
        assertThat(disposition(p, "s2")).isEqualTo(Disposition.EXPIRE);
    }

    @Test
    void inProgressRunsWithinGraceAreNeitherTouchedNorRanked() {
        PipelinePlan p = plan(POLICY, run("running", 1.9, RunStatus.IN_PROGRESS, false), ok("s1", 500),
                ok("s2", 600), ok("s3", 700));
        assertThat(disposition(p, "running")).isEqualTo(Disposition.IN_PROGRESS);
        assertThat(decision(p, "running").rank()).isEqualTo(-1);
        assertThat(decision(p, "s1").rank()).isZero();
        assertThat(p.actions()).noneMatch(a -> a.runId().equals("running"));
    }

    @Test
    void staleInProgressRunsBecomeFailedWithAFinding() {
        PipelinePlan p = plan(POLICY, run("newfail", 1, RunStatus.FAILED, false),
                run("stale", 20, RunStatus.IN_PROGRESS, false));
        assertThat(p.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(FindingType.STALE_IN_PROGRESS);
            assertThat(f.subject()).isEqualTo("ci/p/stale/");
        });
        assertThat(decision(p, "stale").rank()).as("ranked among failed runs").isEqualTo(1);
        assertThat(disposition(p, "stale")).isEqualTo(Disposition.EXPIRE);
    }

    @Test
    void pinnedRunsAreNeverTouchedButStillCountInTheRanking() {
        PipelinePlan p = plan(POLICY, run("pin", 1, RunStatus.SUCCEEDED, true), ok("s1", 2),
                run("oldpin", 40, RunStatus.SUCCEEDED, true), ok("s2", 50));
        assertThat(disposition(p, "pin")).isEqualTo(Disposition.PINNED);
        assertThat(disposition(p, "oldpin")).isEqualTo(Disposition.PINNED);
        assertThat(decision(p, "s1").rank()).isEqualTo(1);
        assertThat(decision(p, "s2").rank()).as("the old pinned run took rank 2").isEqualTo(3);
        assertThat(disposition(p, "s2")).isEqualTo(Disposition.ARCHIVE);
        assertThat(p.actions()).noneMatch(a -> a.runId().contains("pin"));
    }

    @Test
    void tiesInRunTimeRankTheGreaterRunIdAsNewer() {
        PipelinePlan p = plan(POLICY, ok("run-a", 50), ok("run-b", 50), ok("run-c", 50));
        assertThat(decision(p, "run-c").rank()).isZero();
        assertThat(decision(p, "run-b").rank()).isEqualTo(1);
        assertThat(decision(p, "run-a").rank()).isEqualTo(2);
    }

    @Test
    void perObjectTransitionRules() {
        String r = "ci/p/old/";
        PipelinePlan p = plan(POLICY, ok("n1", 1), ok("n2", 2), run("old", 200, RunStatus.SUCCEEDED, false,
                obj(r + "big.bin", BIG, "STANDARD"),
                obj(r + "missing-class.bin", BIG, null),
                obj(r + "keep-me.txt", BIG, "STANDARD"),
                obj(r + "already.bin", BIG, "GLACIER"),
                obj(r + "colder.bin", BIG, "DEEP_ARCHIVE"),
                obj(r + "ia.bin", BIG, "STANDARD_IA"),
                obj(r + "tiny.bin", 100, "STANDARD"),
                obj(r + "odd.bin", BIG, "EXPRESS_ONEZONE")));
        assertThat(disposition(p, "old")).isEqualTo(Disposition.LONG_TERM);
        assertThat(p.actions()).extracting(PlannedAction::key)
                .containsExactly(r + "big.bin", r + "ia.bin", r + "missing-class.bin");
        assertThat(p.actions()).allSatisfy(a -> {
            assertThat(a.type()).isEqualTo(ActionType.TRANSITION);
            assertThat(a.toStorageClass()).isEqualTo(StorageClass.GLACIER);
            assertThat(a.reason()).contains("age 200.0 d >= longTermAfterDays 120 -> GLACIER");
        });
        assertThat(p.skippedSmall()).isEqualTo(1);
        assertThat(p.findings()).extracting(f -> f.type()).containsExactly(FindingType.UNKNOWN_STORAGE_CLASS);
    }

    @Test
    void objectsInGlacierOrDeepArchiveAreNeverCopiedAndSaySo() {
        Policy toDeep = Policies.withRules("""
                  - name: deep
                    keepLastRuns: 0
                    expireAfterDays: null
                    archiveAfterDays: 10
                    archiveStorageClass: GLACIER_IR
                    longTermAfterDays: 100
                    longTermStorageClass: DEEP_ARCHIVE
                """);
        PipelinePlan p = plan(toDeep, run("x", 150, RunStatus.SUCCEEDED, false,
                obj("ci/p/x/g.bin", BIG, "GLACIER"), obj("ci/p/x/ir.bin", BIG, "GLACIER_IR")));
        assertThat(p.actions()).extracting(PlannedAction::key).containsExactly("ci/p/x/ir.bin");
        assertThat(p.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.REQUIRES_RESTORE);
            assertThat(f.subject()).isEqualTo("ci/p/x/g.bin");
        });
    }

    @Test
    void neverWarmerAnObjectColderThanItsTierStaysPut() {
        PipelinePlan p = plan(POLICY, ok("n1", 1), ok("n2", 2), run("x", 40, RunStatus.SUCCEEDED, false,
                obj("ci/p/x/a", BIG, "GLACIER_IR"), obj("ci/p/x/b", BIG, "DEEP_ARCHIVE"),
                obj("ci/p/x/c", BIG, "ONEZONE_IA")));
        assertThat(disposition(p, "x")).isEqualTo(Disposition.ARCHIVE);
        assertThat(p.actions()).isEmpty();
    }

    @Test
    void expiryDeletesEveryObjectButProtectedKeysAndMarksControlFiles() {
        String r = "ci/p/gone/";
        PipelinePlan p = plan(POLICY, ok("n1", 1), ok("n2", 2), run("gone", 400, RunStatus.SUCCEEDED, false,
                obj(r + "app.jar", BIG, "GLACIER"), obj(r + "keep-me.txt", 5, "STANDARD"),
                obj(r + "metadata.json", 5, "STANDARD"), obj(r + "_SUCCESS", 0, "STANDARD"),
                obj(r + "tiny", 1, "STANDARD")));
        assertThat(p.actions()).allMatch(a -> a.type() == ActionType.DELETE);
        assertThat(p.actions()).extracting(PlannedAction::key)
                .containsExactly(r + "_SUCCESS", r + "app.jar", r + "metadata.json", r + "tiny");
        assertThat(p.actions()).filteredOn(PlannedAction::controlFile).extracting(PlannedAction::key)
                .containsExactlyInAnyOrder(r + "_SUCCESS", r + "metadata.json");
    }

    @Test
    void aPipelineNoRuleGovernsIsLeftAlone() {
        Policy onlyApi = Policies.withRules("  - name: api\n    pipelines: [api]\n    strategy: aggressive\n");
        PipelinePlan p = Planner.plan("web", List.of(ok("a", 900), ok("b", 901), ok("c", 902), ok("d", 903)), onlyApi,
                AS_OF);
        assertThat(p.rule()).isNull();
        assertThat(p.actions()).isEmpty();
        assertThat(p.runs()).allMatch(d -> d.disposition() == Disposition.NO_RULE);
    }

    @Test
    void theFirstMatchingRuleWins() {
        Policy two = Policies.withRules("""
                  - name: first
                    pipelines: ["p"]
                    keepLastRuns: 50
                  - name: second
                    strategy: aggressive
                """);
        PipelinePlan p = plan(two, ok("a", 900), ok("b", 901), ok("c", 902), ok("d", 903));
        assertThat(p.rule()).isEqualTo("first");
        assertThat(p.actions()).isEmpty();
    }

    @Test
    void theSameInputGivesTheSamePlanInTheSameOrder() {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            runs.add(run("r" + i, i * 13.7, i % 5 == 0 ? RunStatus.FAILED : RunStatus.SUCCEEDED, i == 7,
                    obj("ci/p/r" + i + "/b", BIG, "STANDARD"), obj("ci/p/r" + i + "/a", BIG, "STANDARD")));
        }
        PipelinePlan first = Planner.plan("p", runs, POLICY, AS_OF);
        List<Run> shuffled = new ArrayList<>(runs);
        Collections.shuffle(shuffled, new Random(7));
        PipelinePlan second = Planner.plan("p", shuffled, POLICY, AS_OF);
        assertThat(second).isEqualTo(first);
        assertThat(first.actions()).isNotEmpty();
    }
}
