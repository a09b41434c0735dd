package dev.artifactlifecycle.functions;

import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.AuditLog;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.ObjectSource;
import dev.artifactlifecycle.core.sweep.ReadOnlyObjectStore;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepReportJson;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Runs the engine once over a small in-memory bucket during initialisation: YAML and JSON parsing, scanning,
 * planning and report writing get loaded and warmed before the first event, and a SnapStart snapshot (taken after
 * init) holds them ready. No network, no AWS call, nothing written anywhere.
 */
final class Priming {
    private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

    private Priming() {}

    static void run() {
        Policy policy = PolicyLoader.parse("""
                version: 1
                layout: {prefix: ci/}
                rules: [{name: prime, keepLastRuns: 1}]
                """.getBytes(StandardCharsets.UTF_8), "priming.yaml");
        List<StoredObject> objects = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            Instant t = AS_OF.minus(Duration.ofDays(20L * r));
            String run = String.format("ci/prime/r%02d/", 20 - r);
            objects.add(new StoredObject(run + "app.jar", 1 << 20, "STANDARD", t, "\"e\""));
            objects.add(new StoredObject(run + "metadata.json", 64, "STANDARD", t, "\"m\""));
        }
        objects.sort((a, b) -> a.key().compareTo(b.key()));
        ObjectSource source = new ObjectSource() {
            @Override
            public Iterator<StoredObject> list(String bucket, String prefix) {
                return objects.iterator();
            }

            @Override
            public Optional<byte[]> read(String bucket, String key, int maxBytes) {
                return Optional.of("{\"created_at\":\"2025-06-01T00:00:00Z\",\"status\":\"success\"}"
                        .getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public Optional<StoredObject> head(String bucket, String key) {
                return Optional.empty();
            }
        };
        SweepReport report = new SweepService(source, ReadOnlyObjectStore.INSTANCE, AuditLog.NONE,
                Clock.fixed(AS_OF, ZoneOffset.UTC)).sweep(new SweepRequest(SweepId.of(AS_OF, new Random(0)), "priming",
                policy, Mode.DRY_RUN, Trigger.MANUAL, AS_OF, List.of(), 2, null));
        SweepReportJson.toJsonString(report, 10);
    }
}
