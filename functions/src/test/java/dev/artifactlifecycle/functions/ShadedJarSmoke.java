package dev.artifactlifecycle.functions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Run by {@link HandlersIT} in a fresh JVM whose classpath is the shaded Lambda jar (plus this one class): proves the
 * deployable artifact itself initialises and answers, with nothing borrowed from the test classpath.
 */
public final class ShadedJarSmoke {
    private ShadedJarSmoke() {}

    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DryRunHandler().handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out,
                new LocalContext("DryRunFunction", Duration.ofMinutes(1), 1024, System.err));
        System.out.println(out.toString(StandardCharsets.UTF_8));
    }
}
