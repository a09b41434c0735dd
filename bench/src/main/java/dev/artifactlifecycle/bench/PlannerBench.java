package dev.artifactlifecycle.bench;

import dev.artifactlifecycle.core.model.Run;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.plan.PipelinePlan;
import dev.artifactlifecycle.core.plan.Planner;
import dev.artifactlifecycle.core.scan.RunInspector;
import dev.artifactlifecycle.core.scan.RunObjects;
import dev.artifactlifecycle.core.scan.RunScanner;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * 1 M objects in 10 k runs (100 pipelines × 100 runs × 100 objects). One operation plans all of them, so
 * objects per second = ops/s × 1,000,000. {@code plan}: the pure planner on inspected runs. {@code scanAndPlan}: the
 * CPU path of a sweep — group a key-ordered listing into runs, inspect them, plan — without any I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PlannerBench {
    static final int PIPELINES = 100;
    static final int RUNS = 100;
    static final int OBJECTS = 100;

    List<List<Run>> pipelines;
    List<StoredObject> listing;

    @Setup
    public void setUp() {
        pipelines = new ArrayList<>();
        for (int p = 0; p < PIPELINES; p++) {
            pipelines.add(Synthetic.runs(p, RUNS, OBJECTS));
        }
        listing = new ArrayList<>(PIPELINES * RUNS * OBJECTS);
        Synthetic.listing(PIPELINES, RUNS, OBJECTS).forEachRemaining(listing::add);
    }

    @Benchmark
    public void plan(Blackhole bh) {
        for (int p = 0; p < PIPELINES; p++) {
            bh.consume(Planner.plan(Synthetic.pipeline(p), pipelines.get(p), Synthetic.POLICY, Synthetic.AS_OF));
        }
    }

    @Benchmark
    public void scanAndPlan(Blackhole bh) {
        Iterator<StoredObject> it = listing.iterator();
        RunScanner.scan(it, Synthetic.POLICY.layout(), new RunScanner.Sink() {
            @Override
            public void pipeline(String pipeline, List<RunObjects> runs) {
                List<Run> inspected = new ArrayList<>(runs.size());
                for (RunObjects r : runs) {
                    inspected.add(RunInspector.inspect(r, Synthetic.POLICY.layout(), Optional.empty()));
                }
                PipelinePlan plan = Planner.plan(pipeline, inspected, Synthetic.POLICY, Synthetic.AS_OF);
                bh.consume(plan);
            }

            @Override
            public void orphan(StoredObject object) {
                bh.consume(object);
            }
        });
    }
}
