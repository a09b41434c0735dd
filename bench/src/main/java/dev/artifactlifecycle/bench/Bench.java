package dev.artifactlifecycle.bench;

import java.util.Arrays;

/**
 * {@code java -jar bench/target/bench.jar <planner|memory|e2e|requests|lambda-start|all> [options]}. Benchmarks
 * measure; they assert nothing and never run as tests. See the README's "Performance" section for figures.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "all" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        switch (what) {
            case "planner" -> org.openjdk.jmh.Main.main(rest.length == 0
                    ? new String[] {"PlannerBench", "-f", "1", "-wi", "2", "-i", "3", "-w", "5s", "-r", "5s"} : rest);
            case "memory" -> PlannerMemory.main(rest);
            case "e2e" -> EndToEnd.main(rest);
            case "requests" -> RequestCounts.main(rest);
            case "lambda-start" -> LambdaStart.main(rest);
            case "all" -> {
                PlannerMemory.main(rest);
                RequestCounts.main(rest);
                LambdaStart.main(rest);
                EndToEnd.main(rest);
                org.openjdk.jmh.Main.main(new String[] {"PlannerBench", "-f", "1", "-wi", "2", "-i", "3", "-w", "5s",
                    "-r", "5s"});
            }
            default -> {
                System.err.println("usage: bench.jar <planner|memory|e2e|requests|lambda-start|all>");
                System.exit(2);
            }
        }
    }
}
