package dev.artifactlifecycle.bench;

import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.AuditLog;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.ObjectSource;
import dev.artifactlifecycle.core.sweep.ReadOnlyObjectStore;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Heap after a full GC while a dry-run sweep streams 1 M synthetic objects (100 pipelines × 100 runs × 100 objects)
 * through scan and plan. With a policy that keeps everything, nothing but one pipeline is ever held; with a policy
 * that acts, the report also holds the actions it lists: all of them for the CLI's JSON report, at most 1,000 in
 * Lambda, so there the heap stays flat whatever the bucket holds.
 */
final class PlannerMemory {
    private PlannerMemory() {}

    public static void main(String[] args) {
        System.out.println("== Heap while a dry run streams 1,000,000 objects (MiB used after full GC) ==");
        Policy keepAll = PolicyLoader.parse("""
                version: 1
                layout: {prefix: ci/}
                rules: [{name: all, keepLastRuns: 1000, archiveAfterDays: null, longTermAfterDays: null,
                         expireAfterDays: null}]
                """.getBytes(StandardCharsets.UTF_8), "keep-all.yaml");
        List<String> rows = new ArrayList<>();
        rows.add(measure("keep everything (no actions)", keepAll, Integer.MAX_VALUE));
        rows.add(measure("moderate-like, report keeps every action (CLI)", Synthetic.POLICY, Integer.MAX_VALUE));
        rows.add(measure("moderate-like, report keeps 1,000 (Lambda)", Synthetic.POLICY, 1000));
        System.out.println(String.format(Locale.ROOT, "%-44s %8s %8s %8s %8s %8s  %s", "policy", "0%", "25%", "50%",
                "75%", "100%", "actions"));
        rows.forEach(System.out::println);
        System.out.println();
    }

    private static String measure(String label, Policy policy, int maxActionsKept) {
        int pipelines = 100;
        int runs = 100;
        int objects = 100;
        long total = (long) pipelines * runs * objects;
        List<Double> samples = new ArrayList<>();
        samples.add(usedMiB());
        Iterator<StoredObject> synthetic = Synthetic.listing(pipelines, runs, objects);
        ObjectSource source = new ObjectSource() {
            @Override
            public Iterator<StoredObject> list(String bucket, String prefix) {
                return new Iterator<>() {
                    long n;

                    @Override
                    public boolean hasNext() {
                        return synthetic.hasNext();
                    }

                    @Override
                    public StoredObject next() {
                        if (++n % (total / 4) == 0) {
                            samples.add(usedMiB());
                        }
                        return synthetic.next();
                    }
                };
            }

            @Override
            public Optional<byte[]> read(String bucket, String key, int maxBytes) {
                return Optional.empty();
            }

            @Override
            public Optional<StoredObject> head(String bucket, String key) {
                return Optional.empty();
            }
        };
        SweepService service = new SweepService(source, ReadOnlyObjectStore.INSTANCE, AuditLog.NONE,
                Clock.fixed(Synthetic.AS_OF, ZoneOffset.UTC));
        SweepReport r = service.sweep(new SweepRequest(SweepId.of(Synthetic.AS_OF, new Random(1)), "bench", policy,
                Mode.DRY_RUN, Trigger.CLI, Synthetic.AS_OF, List.of(), 4, null, maxActionsKept));
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-44s", label));
        for (double s : samples) {
            b.append(String.format(Locale.ROOT, " %8.1f", s));
        }
        b.append("  ").append(r.actions().size() + r.actionsOmitted()).append(" (").append(r.actions().size())
                .append(" kept)");
        if (r.summary().objects() != total) {
            b.append("  (!) planned ").append(r.summary().objects()).append(" objects");
        }
        return b.toString();
    }

    static double usedMiB() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;
    }
}
