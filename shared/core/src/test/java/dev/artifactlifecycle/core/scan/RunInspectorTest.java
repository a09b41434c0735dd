package dev.artifactlifecycle.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.Run;
import dev.artifactlifecycle.core.model.RunStatus;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Layout;
import dev.artifactlifecycle.core.testing.Policies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunInspectorTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");
    private final Layout layout = Policies.yaml("""
            version: 1
            layout:
              prefix: ci/
              runIdTimestamp:
                regex: "(\\\\d{8}_\\\\d{6})"
                format: yyyyMMdd_HHmmss
            rules: [{name: r}]
            """).layout();

    private static RunObjects run(String runId, String... files) {
        List<StoredObject> objects = new ArrayList<>();
        String prefix = "ci/p/" + runId + "/";
        for (int i = 0; i < files.length; i++) {
            objects.add(new StoredObject(prefix + files[i], 10, null, i == 0 ? T2 : T1, null));
        }
        return new RunObjects("p", runId, prefix, objects);
    }

    private Run inspect(RunObjects raw, String manifest) {
        return RunInspector.inspect(raw, layout, Optional.ofNullable(manifest)
                .map(m -> m.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void manifestTimeComesFirstThenRunIdThenNewestLastModified() {
        Run fromManifest = inspect(run("build_20250101_020000", "a", "metadata.json"),
                "{\"created_at\": \"2024-05-01T10:00:00+02:00\"}");
        assertThat(fromManifest.runTime()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(fromManifest.timeSource()).isEqualTo("manifest");

        Run fromRunId = inspect(run("build_20250101_020000", "a"), null);
        assertThat(fromRunId.runTime()).isEqualTo(Instant.parse("2025-01-01T02:00:00Z"));
        assertThat(fromRunId.timeSource()).isEqualTo("runId");

        Run fromLastModified = inspect(run("r1", "a", "b"), null);
        assertThat(fromLastModified.runTime()).isEqualTo(T2);
        assertThat(fromLastModified.timeSource()).isEqualTo("lastModified");
    }

    @Test
    void createdAtCamelCaseAndTimesWithoutOffsetAreUtc() {
        Run r = inspect(run("r1", "metadata.json"), "{\"createdAt\": \"2024-05-01T10:00:00\"}");
        assertThat(r.runTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void aCorruptManifestIsAFindingAndTheNextSourceIsUsed() {
        Run r = inspect(run("build_20250101_020000", "metadata.json", "_SUCCESS"), "{\"created_at\": ");
        assertThat(r.findings()).extracting(f -> f.type()).containsExactly(FindingType.CORRUPT_MANIFEST);
        assertThat(r.timeSource()).isEqualTo("runId");
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);

        Run badTime = inspect(run("r1", "metadata.json"), "{\"created_at\": \"yesterday\", \"status\": \"failed\"}");
        assertThat(badTime.findings()).extracting(f -> f.type()).containsExactly(FindingType.CORRUPT_MANIFEST);
        assertThat(badTime.status()).as("the readable fields still count").isEqualTo(RunStatus.FAILED);

        Run notObject = inspect(run("r1", "metadata.json"), "[1,2]");
        assertThat(notObject.findings()).hasSize(1);
    }

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({"succeeded,SUCCEEDED", "SUCCESS,SUCCEEDED", "completed,SUCCEEDED", "complete,SUCCEEDED",
        "Passed,SUCCEEDED", "failed,FAILED", "failure,FAILED", "error,FAILED", "errored,FAILED", "cancelled,FAILED",
        "canceled,FAILED", "aborted,FAILED", "running,IN_PROGRESS", "pending,IN_PROGRESS", "in_progress,IN_PROGRESS",
        "started,IN_PROGRESS", "queued,IN_PROGRESS", "weird,UNKNOWN"})
    void manifestStatusWordsAreReadCaseInsensitively(String word, RunStatus expected) {
        Run r = inspect(run("r1", "metadata.json", "_FAILED"), "{\"status\": \"" + word + "\"}");
        assertThat(r.status()).as("the manifest wins over markers").isEqualTo(expected);
    }

    @Test
    void withoutAManifestStatusTheFailureMarkerWinsThenTheSuccessMarker() {
        assertThat(inspect(run("r1", "a", "_SUCCESS", "_FAILED"), null).status()).isEqualTo(RunStatus.FAILED);
        assertThat(inspect(run("r1", "a", "_SUCCESS"), null).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(inspect(run("r1", "a"), null).status()).isEqualTo(RunStatus.UNKNOWN);
        assertThat(inspect(run("r1", "a", "sub/_SUCCESS"), null).status())
                .as("a marker counts only directly under the run").isEqualTo(RunStatus.UNKNOWN);
    }

    @Test
    void retainInTheManifestOrAKeepMarkerPinsTheRun() {
        assertThat(inspect(run("r1", "metadata.json"), "{\"retain\": true}").pinned()).isTrue();
        assertThat(inspect(run("r1", "metadata.json"), "{\"retain\": false}").pinned()).isFalse();
        assertThat(inspect(run("r1", "a", "_KEEP"), null).pinned()).isTrue();
        assertThat(inspect(run("r1", "a"), null).pinned()).isFalse();
    }

    @Test
    void controlFilesAreTheManifestAndMarkersOfThatRun() {
        assertThat(RunInspector.isControlFile("ci/p/r1/metadata.json", "ci/p/r1/", layout)).isTrue();
        assertThat(RunInspector.isControlFile("ci/p/r1/_SUCCESS", "ci/p/r1/", layout)).isTrue();
        assertThat(RunInspector.isControlFile("ci/p/r1/app.jar", "ci/p/r1/", layout)).isFalse();
        assertThat(RunInspector.isControlFile("ci/p/r1/x/_SUCCESS", "ci/p/r1/", layout)).isFalse();
    }
}
