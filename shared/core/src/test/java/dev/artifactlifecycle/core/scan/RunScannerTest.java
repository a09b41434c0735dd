package dev.artifactlifecycle.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Layout;
import dev.artifactlifecycle.core.testing.Policies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RunScannerTest {
    private final Layout layout = Policies.yaml("version: 1\nlayout: {prefix: ci/}\nrules: [{name: r}]\n").layout();

    private static StoredObject o(String key) {
        return new StoredObject(key, 1, "STANDARD", Instant.EPOCH, null);
    }

    @Test
    void groupsAKeyOrderedListingIntoPipelinesAndRunsAndReportsOrphans() {
        List<String> seen = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        RunScanner.scan(Stream.of("ci/README", "ci/a-2/r1/x", "ci/a/r1/x", "ci/a/r1/y", "ci/a/r2/x", "ci/b/loose",
                "ci/b/r9/x").map(RunScannerTest::o).iterator(), layout, new RunScanner.Sink() {
                    @Override
                    public void pipeline(String pipeline, List<RunObjects> runs) {
                        runs.forEach(r -> seen.add(pipeline + ":" + r.runId() + ":" + r.objects().size() + ":"
                                + r.prefix()));
                    }

                    @Override
                    public void orphan(StoredObject object) {
                        orphans.add(object.key());
                    }
                });
        assertThat(seen).containsExactly("a-2:r1:1:ci/a-2/r1/", "a:r1:2:ci/a/r1/", "a:r2:1:ci/a/r2/",
                "b:r9:1:ci/b/r9/");
        assertThat(orphans).containsExactly("ci/README", "ci/b/loose");
    }

    @Test
    void refusesAListingThatIsNotInKeyOrderBecausePartialPipelinesWouldBeMisranked() {
        var listing = Stream.of("ci/a/r1/x", "ci/b/r1/x", "ci/a/r2/x").map(RunScannerTest::o).iterator();
        assertThatThrownBy(() -> RunScanner.scan(listing, layout, new RunScanner.Sink() {
            @Override
            public void pipeline(String pipeline, List<RunObjects> runs) {}

            @Override
            public void orphan(StoredObject object) {}
        })).hasMessageContaining("not in key order").hasMessageContaining("'a' reappeared");
    }
}
