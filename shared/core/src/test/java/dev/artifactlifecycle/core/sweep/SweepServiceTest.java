package dev.artifactlifecycle.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.testing.InMemoryBucket;
import dev.artifactlifecycle.core.testing.Policies;
import dev.artifactlifecycle.core.testing.RecordingAuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep's orchestration and its safety invariants, on an in-memory bucket. */
class SweepServiceTest {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final long BIG = 1024 * 1024;
    static final Policy POLICY = Policies.withRules("""
              - name: main
                keepLastRuns: 2
                archiveAfterDays: 30
                archiveStorageClass: STANDARD_IA
                longTermAfterDays: 120
                longTermStorageClass: GLACIER
                expireAfterDays: 365
            """);

    InMemoryBucket bucket;
    RecordingAuditLog audit;
    SweepService service;

    @BeforeEach
    void setUp() {
        bucket = new InMemoryBucket("b");
        audit = new RecordingAuditLog();
        service = new SweepService(bucket, bucket, audit, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A run whose manifest says it was created {@code ageDays} ago with {@code status}. */
    void run(String pipeline, String id, int ageDays, String status, String... extra) {
        String prefix = "ci/" + pipeline + "/" + id + "/";
        bucket.put(prefix + "metadata.json", "{\"created_at\":\"" + NOW.minus(Duration.ofDays(ageDays)) + "\","
                + "\"status\":\"" + status + "\"" + String.join("", extra) + "}");
        bucket.put(prefix + "app.jar", BIG, StorageClass.STANDARD);
        bucket.put(prefix + "_SUCCESS", 0, StorageClass.STANDARD);
    }

    SweepRequest request(Mode mode, Policy policy, String... pipelines) {
        return new SweepRequest(SweepId.of(NOW, new Random(1)), "b", policy, mode, Trigger.CLI, NOW,
                java.util.Arrays.stream(pipelines).map(Glob::compile).toList(), 4, null);
    }

    void seedTypicalPipeline() {
        run("api", "r01", 1, "succeeded");
        run("api", "r02", 2, "succeeded");
        run("api", "r03", 40, "succeeded");      // archive
        run("api", "r04", 200, "succeeded");     // long-term
        run("api", "r05", 400, "succeeded");     // expire
        run("api", "r06", 500, "succeeded", ",\"retain\":true");   // pinned
        run("api", "r07", 1, "running");         // in progress
        bucket.put("ci/api/r05/keep-me.txt", 10, StorageClass.STANDARD); // protected
        bucket.put("ci/stray.txt", 10, StorageClass.STANDARD);           // orphan
    }

    @Test
    void aDryRunChangesNothingAndWritesOnlyItsSummary() {
        seedTypicalPipeline();
        Map<String, String> before = bucket.snapshot();
        SweepReport r = service.sweep(request(Mode.DRY_RUN, POLICY));
        assertThat(bucket.mutations).isEmpty();
        assertThat(bucket.snapshot()).isEqualTo(before);
        assertThat(audit.actions).isEmpty();
        assertThat(audit.summaries).singleElement().satisfies(s -> assertThat(s.mode()).isEqualTo(Mode.DRY_RUN));
        assertThat(r.actions()).isNotEmpty().allMatch(a -> a.outcome() == Outcome.PLANNED);
        assertThat(r.status()).isEqualTo(SweepStatus.SUCCEEDED);
    }

    @Test
    void anApplyDoesWhatTheDryRunShowedAndAuditsEveryMutation() {
        seedTypicalPipeline();
        SweepReport dry = service.sweep(request(Mode.DRY_RUN, POLICY));
        SweepReport applied = service.sweep(request(Mode.APPLY, POLICY));
        assertThat(applied.actions()).extracting(a -> a.action().key())
                .containsExactlyElementsOf(dry.actions().stream().map(a -> a.action().key()).toList());
        assertThat(applied.actions()).allMatch(a -> a.outcome() == Outcome.DONE);
        assertThat(bucket.mutations).hasSize(applied.actions().size());
        assertThat(audit.actions).extracting(a -> a.action().key())
                .containsExactlyInAnyOrderElementsOf(bucket.mutations.stream().map(m -> m.split(" ")[1]).toList());
        assertThat(bucket.get("ci/api/r03/app.jar").orElseThrow().storageClass()).isEqualTo("STANDARD_IA");
        assertThat(bucket.get("ci/api/r04/app.jar").orElseThrow().storageClass()).isEqualTo("GLACIER");
        assertThat(bucket.get("ci/api/r05/app.jar")).isEmpty();
        assertThat(applied.summary().transitions()).isEqualTo(2);
        assertThat(applied.summary().deletes()).isEqualTo(3);
        assertThat(applied.summary().orphans()).isEqualTo(1);
        assertThat(applied.exitCode()).isZero();
    }

    @Test
    void newestPinnedInProgressProtectedAndOrphanObjectsAreNeverTouched() {
        seedTypicalPipeline();
        service.sweep(request(Mode.APPLY, POLICY));
        for (String untouched : List.of("ci/api/r01/", "ci/api/r02/", "ci/api/r06/", "ci/api/r07/")) {
            assertThat(bucket.mutations).noneMatch(m -> m.contains(untouched));
        }
        assertThat(bucket.get("ci/api/r05/keep-me.txt")).isPresent();
        assertThat(bucket.get("ci/stray.txt")).isPresent();
        assertThat(bucket.get("ci/api/r06/app.jar").orElseThrow().storageClass()).isEqualTo("STANDARD");
    }

    @Test
    void aReportCanKeepFewActionsWhileEveryActionIsStillDoneCountedAndAudited() {
        seedTypicalPipeline();
        SweepRequest few = new SweepRequest(SweepId.of(NOW, new Random(1)), "b", POLICY, Mode.APPLY, Trigger.CLI, NOW,
                List.of(), 4, null, 2);
        SweepReport r = service.sweep(few);
        assertThat(r.actions()).hasSize(2);
        assertThat(r.actionsOmitted()).isEqualTo(3);
        assertThat(r.summary().transitions() + r.summary().deletes()).isEqualTo(5);
        assertThat(bucket.mutations).hasSize(5);
        assertThat(audit.actions).hasSize(5);
        assertThat(SweepReportJson.toJson(r, 1000).get("actionsTruncated").asBoolean()).isTrue();
    }

    @Test
    void theKillSwitchTurnsAnApplyIntoADryRunAndSaysSo() {
        seedTypicalPipeline();
        Map<String, String> before = bucket.snapshot();
        SweepReport r = service.sweep(request(Mode.APPLY, POLICY.withDryRunOnly()));
        assertThat(r.mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(r.actions()).isNotEmpty().allMatch(a -> a.outcome() == Outcome.PLANNED);
        assertThat(bucket.mutations).isEmpty();
        assertThat(bucket.snapshot()).isEqualTo(before);
        assertThat(audit.actions).isEmpty();
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(FindingType.KILL_SWITCH);
            assertThat(f.subjectKind()).isEqualTo("sweep");
        });
    }

    @Test
    void aSecondApplyFindsNothingToDo() {
        seedTypicalPipeline();
        service.sweep(request(Mode.APPLY, POLICY));
        int mutations = bucket.mutations.size();
        SweepReport again = service.sweep(request(Mode.APPLY, POLICY));
        assertThat(again.actions()).isEmpty();
        assertThat(bucket.mutations).hasSize(mutations);
    }

    @Test
    void deletesGoInBatchesOfAtMostOneThousandKeys() {
        Policy expireAll = Policies.withRules("  - name: x\n    strategy: aggressive\n    keepLastRuns: 0\n    allowExpiringEveryRun: true\n");
        bucket.now = NOW.minus(Duration.ofDays(10));
        for (int r = 0; r < 5; r++) {
            for (int i = 0; i < 500; i++) {
                bucket.put(String.format("ci/p/r%d/f%04d", r, i), 10, StorageClass.STANDARD);
            }
        }
        SweepReport r = service.sweep(request(Mode.APPLY, expireAll).withForce(true));
        assertThat(r.summary().deletes()).isEqualTo(2500);
        assertThat(r.force()).isTrue();
        assertThat(r.findings()).extracting(f -> f.type()).contains(FindingType.GUARD_OVERRIDDEN);
        assertThat(bucket.deleteBatchSizes).containsExactlyInAnyOrder(1000, 1000, 500);
        assertThat(bucket.snapshot()).isEmpty();
    }

    @Test
    void aPerKeyDeleteErrorFailsThatActionKeepsTheRunsControlFilesAndTheSweepGoesOn() {
        seedTypicalPipeline();
        run("web", "w1", 1, "succeeded");
        run("web", "w2", 2, "succeeded");
        run("web", "w3", 900, "succeeded");
        bucket.denyDelete("ci/api/r05/app.jar");
        SweepReport r = service.sweep(request(Mode.APPLY, POLICY));
        assertThat(r.status()).isEqualTo(SweepStatus.PARTIAL);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.actions()).filteredOn(a -> a.outcome() == Outcome.FAILED).extracting(a -> a.action().key())
                .containsExactlyInAnyOrder("ci/api/r05/app.jar", "ci/api/r05/metadata.json", "ci/api/r05/_SUCCESS");
        assertThat(r.actions()).filteredOn(a -> a.action().key().equals("ci/api/r05/app.jar")).singleElement()
                .satisfies(a -> assertThat(a.error()).isEqualTo("AccessDenied: Object Lock"));
        assertThat(bucket.get("ci/api/r05/metadata.json")).as("the run stays recognisable").isPresent();
        assertThat(bucket.get("ci/web/w3/app.jar")).as("other runs still expire").isEmpty();
        assertThat(r.summary().failed()).isEqualTo(3);
        assertThat(audit.actions).filteredOn(a -> a.outcome() == Outcome.FAILED).hasSize(3);
    }

    @Test
    void anUnreadableManifestSkipsItsPipelineRatherThanGuessing() {
        seedTypicalPipeline();
        run("web", "w1", 1, "succeeded");
        run("web", "w2", 2, "succeeded");
        run("web", "w3", 900, "succeeded");
        bucket.failReads("ci/api/r03/metadata.json");
        SweepReport r = service.sweep(request(Mode.APPLY, POLICY));
        assertThat(bucket.mutations).noneMatch(m -> m.contains("ci/api/"));
        assertThat(bucket.get("ci/web/w3/app.jar")).isEmpty();
        assertThat(r.status()).isEqualTo(SweepStatus.PARTIAL);
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).contains("pipeline api was not planned"));
    }

    @Test
    void aSweepWhoseAuditCannotBeWrittenFailsLoudly() {
        seedTypicalPipeline();
        audit.failActions = true;
        SweepReport r = service.sweep(request(Mode.APPLY, POLICY));
        assertThat(r.status()).isEqualTo(SweepStatus.FAILED);
        assertThat(r.error()).contains("audit table unavailable");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void pipelineGlobsNarrowTheSweep() {
        seedTypicalPipeline();
        run("web", "w1", 1, "succeeded");
        run("web", "w2", 2, "succeeded");
        run("web", "w3", 900, "succeeded");
        SweepReport r = service.sweep(request(Mode.APPLY, POLICY, "web"));
        assertThat(bucket.mutations).isNotEmpty().allMatch(m -> m.contains("ci/web/"));
        assertThat(r.summary().pipelines()).isEqualTo(1);
    }

    @Test
    void aSingleLiteralPipelineIsListedAloneAndAGlobListsThePrefix() {
        assertThat(request(Mode.DRY_RUN, POLICY, "api").listingPrefix()).isEqualTo("ci/api/");
        assertThat(request(Mode.DRY_RUN, POLICY, "ap*").listingPrefix()).isEqualTo("ci/");
        assertThat(request(Mode.DRY_RUN, POLICY, "api", "web").listingPrefix()).isEqualTo("ci/");
        seedTypicalPipeline();
        run("api-v2", "x1", 900, "succeeded");
        SweepReport r = service.sweep(request(Mode.APPLY, POLICY, "api"));
        assertThat(bucket.mutations).isNotEmpty().noneMatch(m -> m.contains("api-v2"));
        assertThat(r.summary().orphans()).as("ci/stray.txt is outside ci/api/").isZero();
    }

    @Test
    void reportsOrphansAndCorruptManifests() {
        seedTypicalPipeline();
        bucket.put("ci/api/r03/metadata.json", "{not json");
        SweepReport r = service.sweep(request(Mode.DRY_RUN, POLICY));
        assertThat(r.findings()).extracting(f -> f.type())
                .contains(FindingType.ORPHAN, FindingType.CORRUPT_MANIFEST);
    }

    @Test
    void aListingOutOfOrderFailsTheSweepInsteadOfMisrankingRuns() {
        ObjectSource shuffled = new ObjectSource() {
            @Override
            public Iterator<StoredObject> list(String b, String prefix) {
                return List.of(o("ci/a/r1/x"), o("ci/b/r1/x"), o("ci/a/r2/x")).iterator();
            }

            @Override
            public Optional<byte[]> read(String b, String key, int maxBytes) {
                return Optional.empty();
            }

            @Override
            public Optional<StoredObject> head(String b, String key) {
                return Optional.empty();
            }
        };
        SweepService s = new SweepService(shuffled, bucket, audit, Clock.fixed(NOW, ZoneOffset.UTC));
        SweepReport r = s.sweep(request(Mode.APPLY, POLICY));
        assertThat(r.status()).isEqualTo(SweepStatus.FAILED);
        assertThat(r.error()).contains("not in key order");
    }

    @Test
    void anApplyCannotForecastAFutureDate() {
        SweepRequest future = new SweepRequest(SweepId.of(NOW, new Random(1)), "b", POLICY, Mode.APPLY, Trigger.CLI,
                NOW.plus(Duration.ofDays(30)), List.of(), 4, null);
        assertThatThrownBy(() -> service.sweep(future)).hasMessageContaining("only a dry run may forecast");
        assertThat(bucket.mutations).isEmpty();
    }

    @Test
    void sweepIdsHaveTheDocumentedForm() {
        String id = SweepId.of(Instant.parse("2026-11-21T02:00:00Z"), new Random(3));
        assertThat(id).matches("20261121T020000Z-[0-9a-f]{8}");
        assertThat(SweepId.isValid(id)).isTrue();
        assertThat(SweepId.isValid("2026-11-21")).isFalse();
    }

    static StoredObject o(String key) {
        return new StoredObject(key, BIG, "STANDARD", NOW.minus(Duration.ofDays(900)), null);
    }
}
