package dev.artifactlifecycle.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifactlifecycle.core.model.ObjectVersion;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.testing.Policies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoncurrentPlannerTest {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final Policy POLICY = Policies.yaml("""
            version: 1
            layout:
              prefix: ci/
            protect:
              keys: ["**/keep-me.txt"]
            noncurrentVersions:
              expireAfterDays: 30
            rules:
              - name: r
            """);

    static ObjectVersion v(String key, String id, boolean latest, int daysAgo) {
        return new ObjectVersion(key, id, latest, false, 10, "STANDARD", NOW.minus(Duration.ofDays(daysAgo)));
    }

    static ObjectVersion marker(String key, String id, boolean latest, int daysAgo) {
        return new ObjectVersion(key, id, latest, true, 0, null, NOW.minus(Duration.ofDays(daysAgo)));
    }

    static List<String> plan(Set<String> untouched, List<ObjectVersion> versions) {
        return NoncurrentPlanner.plan(versions.iterator(), POLICY, NOW, untouched::contains, p -> !p.equals("skip"))
                .stream().map(a -> a.key() + "@" + a.object().versionId()).toList();
    }

    @Test
    void aVersionIsDeletedOnceItHasBeenNoncurrentForTheGivenDays() {
        // v3 is current; v2 became noncurrent 40 days ago (when v3 was written), v1 when v2 was, 100 days ago.
        assertThat(plan(Set.of(), List.of(v("ci/a/r1/x", "v3", true, 40), v("ci/a/r1/x", "v2", false, 100),
                v("ci/a/r1/x", "v1", false, 200)))).containsExactly("ci/a/r1/x@v2", "ci/a/r1/x@v1");
        // Overwritten 10 days ago: the old version has been noncurrent for 10 days only.
        assertThat(plan(Set.of(), List.of(v("ci/a/r1/x", "v2", true, 10), v("ci/a/r1/x", "v1", false, 300))))
                .isEmpty();
    }

    @Test
    void aDeleteMarkerGoesOnceNothingIsLeftBehindIt() {
        assertThat(plan(Set.of(), List.of(marker("ci/a/r1/x", "m", true, 45), v("ci/a/r1/x", "v1", false, 400))))
                .containsExactly("ci/a/r1/x@v1", "ci/a/r1/x@m");
        // Deleted 10 days ago: v2 has been noncurrent for 10 days and stays, and so does the marker in front of
        // it (the object stays deleted, and recoverable); v1 has been noncurrent since v2 was written, 50 days ago.
        assertThat(plan(Set.of(), List.of(marker("ci/a/r1/x", "m", true, 10), v("ci/a/r1/x", "v2", false, 50),
                v("ci/a/r1/x", "v1", false, 400)))).containsExactly("ci/a/r1/x@v1");
        // Deleted 5 days ago: still recoverable, nothing goes.
        assertThat(plan(Set.of(), List.of(marker("ci/a/r1/x", "m", true, 5), v("ci/a/r1/x", "v1", false, 400))))
                .isEmpty();
    }

    @Test
    void protectedKeysOrphansUntouchedRunsAndUnselectedPipelinesKeepEveryVersion() {
        List<ObjectVersion> old = List.of(marker("ci/a/r1/keep-me.txt", "m", true, 45),
                v("ci/a/r1/keep-me.txt", "v1", false, 400), marker("ci/orphan.txt", "m", true, 45),
                v("ci/orphan.txt", "v1", false, 400), marker("ci/a/r2/x", "m", true, 45), v("ci/a/r2/x", "v1", false, 400),
                marker("ci/skip/r1/x", "m", true, 45), v("ci/skip/r1/x", "v1", false, 400));
        assertThat(plan(Set.of("ci/a/r2/"), old)).isEmpty();
    }

    @Test
    void actionsCarryTheVersionTheRunAndTheWhy() {
        PlannedAction a = NoncurrentPlanner.plan(List.of(v("ci/a/r1/x", "v2", true, 40),
                v("ci/a/r1/x", "v1", false, 100)).iterator(), POLICY, NOW, p -> false, p -> true).get(0);
        assertThat(a.type()).isEqualTo(ActionType.DELETE_VERSION);
        assertThat(a.object().versionId()).isEqualTo("v1");
        assertThat(a.pipeline()).isEqualTo("a");
        assertThat(a.runPrefix()).isEqualTo("ci/a/r1/");
        assertThat(a.rule()).isEqualTo("noncurrentVersions");
        assertThat(a.reason()).contains("(40.0 d) >= noncurrentVersions.expireAfterDays 30");
    }

    @Test
    void withoutTheOptionNothingIsPlanned() {
        Policy none = Policies.withRules("  - name: r\n");
        assertThat(NoncurrentPlanner.plan(List.of(v("ci/a/r1/x", "v2", true, 400), v("ci/a/r1/x", "v1", false, 900))
                .iterator(), none, NOW, p -> false, p -> true)).isEmpty();
    }
}
