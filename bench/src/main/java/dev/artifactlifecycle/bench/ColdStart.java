package dev.artifactlifecycle.bench;

import dev.artifactlifecycle.functions.DryRunHandler;
import dev.artifactlifecycle.functions.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs inside a fresh JVM on one of the shaded Lambda jars: constructs DryRunHandler from the environment (Lambda's
 * init) and invokes it once. Prints "initMs firstResponseMs", both counted from JVM start.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        DryRunHandler handler = new DryRunHandler();
        long init = System.currentTimeMillis();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("DryRunFunction", Duration.ofMinutes(5), 1024,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        long response = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (!out.toString(StandardCharsets.UTF_8).contains("\"mode\":\"DRY_RUN\"")) {
            throw new IllegalStateException("unexpected response: " + out);
        }
        System.out.println((init - jvmStart) + " " + (response - jvmStart));
    }
}
