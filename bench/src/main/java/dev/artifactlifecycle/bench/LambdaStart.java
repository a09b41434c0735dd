package dev.artifactlifecycle.bench;

import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.local.SampleData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Cold start of DryRunFunction: a new JVM per sample, from JVM start to the handler's first response on a dry run
 * of the demo data, for the functions jar built with the URL-connection client and with the Apache client.
 */
final class LambdaStart {
    private LambdaStart() {}

    public static void main(String[] args) throws Exception {
        int samples = EndToEnd.intArg(args, "--samples", 7);
        // bench/target/bench.jar -> the repository root; the functions module builds both jars.
        Path root = Path.of(LambdaStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent()
                .getParent().getParent();
        Path probe = root.resolve("bench/target/classes");
        Path production = root.resolve("functions/target/artifact-lifecycle-functions.jar");
        Path other = root.resolve("functions/target/bench/artifact-lifecycle-functions-apache.jar");
        System.out.println("== Lambda cold start: new JVM -> DryRunFunction init -> first response (dry run of the"
                + " demo data, 114 runs), median of " + samples + " ==");
        try (Emulator emu = new Emulator();
                S3Client s3 = emu.aws.s3Client();
                DynamoDbClient ddb = emu.aws.dynamoDbClient()) {
            s3.createBucket(r -> r.bucket("artifacts"));
            DynamoDbAuditLog.createTable(ddb, "audit");
            SampleData.seed(s3, "artifacts", Instant.now());
            Path policy = Files.createTempFile("policy", ".yaml");
            Files.write(policy, RequestCounts.class.getResourceAsStream("/policies/demo.yaml").readAllBytes());
            System.out.println(String.format(Locale.ROOT, "%-28s %12s %14s %22s", "functions jar", "size (MiB)",
                    "init (ms)", "first response (ms)"));
            for (Path jar : List.of(production, other)) {
                String variant = jar == production ? "URL connection (shipped)" : "Apache (comparison)";
                List<Long> init = new ArrayList<>();
                List<Long> first = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    long[] t = coldStart(jar, probe, emu, policy);
                    init.add(t[0]);
                    first.add(t[1]);
                }
                System.out.println(String.format(Locale.ROOT, "%-28s %12.1f %14d %22d", variant,
                        Files.size(jar) / 1024.0 / 1024.0, median(init), median(first)));
            }
        }
        System.out.println();
    }

    static long[] coldStart(Path jar, Path probe, Emulator emu, Path policy) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Only ColdStart comes from the probe folder; everything it runs comes from the functions jar.
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", jar + File.pathSeparator + probe,
                "dev.artifactlifecycle.bench.ColdStart");
        pb.environment().putAll(emu.aws.environment());
        pb.environment().put("ARTIFACT_BUCKET", "artifacts");
        pb.environment().put("AUDIT_TABLE", "audit");
        pb.environment().put("POLICY_FILE", policy.toString());
        pb.environment().remove("ARTIFACT_LIFECYCLE_HTTP_CLIENT");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("cold start run failed: " + out);
        }
        String[] last = out.lines().reduce((a, b) -> b).orElse("").split(" ");
        return new long[] {Long.parseLong(last[0]), Long.parseLong(last[1])};
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
