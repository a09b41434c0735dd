package dev.artifactlifecycle.bench;

import dev.artifactlifecycle.core.model.Run;
import dev.artifactlifecycle.core.model.RunStatus;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Deterministic synthetic pipelines for the planner benchmarks. */
final class Synthetic {
    static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

    /** moderate-like rule with every branch reachable: keep, archive, long-term, expire, failed runs. */
    static final Policy POLICY = PolicyLoader.parse("""
            version: 1
            layout:
              prefix: ci/
            protect:
              keys: ["**/release-notes.md"]
            rules:
              - name: all
                keepLastRuns: 5
                archiveAfterDays: 30
                archiveStorageClass: STANDARD_IA
                longTermAfterDays: 120
                longTermStorageClass: GLACIER
                expireAfterDays: 365
            """.getBytes(StandardCharsets.UTF_8), "bench.yaml");

    private Synthetic() {}

    static String pipeline(int p) {
        return String.format("pipe-%04d", p);
    }

    static String runId(int r) {
        return String.format("r%06d", r);
    }

    static String key(int p, int r, int o) {
        return "ci/" + pipeline(p) + "/" + runId(r) + "/part-" + String.format("%04d", o) + ".bin";
    }

    static Instant runTime(int r, int runsPerPipeline) {
        // Spread over two years, newest run last.
        long days = 730L * (runsPerPipeline - 1 - r) / Math.max(1, runsPerPipeline - 1);
        return AS_OF.minus(Duration.ofDays(days)).minus(Duration.ofMinutes(r));
    }

    /** One pipeline's runs, already inspected, as the planner receives them. */
    static List<Run> runs(int p, int runsPerPipeline, int objectsPerRun) {
        List<Run> runs = new ArrayList<>(runsPerPipeline);
        for (int r = 0; r < runsPerPipeline; r++) {
            Instant t = runTime(r, runsPerPipeline);
            List<StoredObject> objects = new ArrayList<>(objectsPerRun);
            for (int o = 0; o < objectsPerRun; o++) {
                objects.add(new StoredObject(key(p, r, o), 256 * 1024, "STANDARD", t, "\"e\""));
            }
            RunStatus status = r % 9 == 4 ? RunStatus.FAILED : RunStatus.SUCCEEDED;
            runs.add(new Run(pipeline(p), runId(r), "ci/" + pipeline(p) + "/" + runId(r) + "/", objects, t, "bench",
                    status, r % 97 == 0, List.of()));
        }
        return runs;
    }

    /** A key-ordered stream of {@code pipelines × runs × objects} listings, generated as it is read. */
    static Iterator<StoredObject> listing(int pipelines, int runsPerPipeline, int objectsPerRun) {
        return new Iterator<>() {
            int p;
            int r;
            int o;

            @Override
            public boolean hasNext() {
                return p < pipelines;
            }

            @Override
            public StoredObject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StoredObject s = new StoredObject(key(p, r, o), 256 * 1024, "STANDARD", runTime(r, runsPerPipeline),
                        "\"e\"");
                if (++o == objectsPerRun) {
                    o = 0;
                    if (++r == runsPerPipeline) {
                        r = 0;
                        p++;
                    }
                }
                return s;
            }
        };
    }
}
