package dev.artifactlifecycle.bench;

import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.aws.S3ObjectSource;
import dev.artifactlifecycle.aws.S3ObjectStore;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.AuditLog;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.Trigger;
import dev.artifactlifecycle.local.LocalAws;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Transition N objects (default 2,000 × 128 KiB in 40 runs) to GLACIER_IR on the embedded S3Mock, the same data for
 * every contender, reset to STANDARD between them: our sweep (URL-connection and Apache clients), a naive sequential
 * SDK loop, the AWS CLI, rclone, and the raw ceiling (an SDK loop at our concurrency doing nothing but CopyObject).
 */
final class EndToEnd {
    static final String BUCKET = "bench";
    static final String PREFIX = "ci/bench/";
    static final String OURS = "artifact-lifecycle sweep (URL-connection client, shipped)";

    private EndToEnd() {}

    record Result(String name, double seconds, long done, String note) {}

    public static void main(String[] args) throws Exception {
        int objects = intArg(args, "--objects", 2000);
        int runs = intArg(args, "--runs", 40);
        int concurrency = intArg(args, "--concurrency", 16);
        int rounds = intArg(args, "--rounds", 3);
        int size = 128 * 1024;
        System.out.println("== End to end: transition " + objects + " objects (" + size / 1024 + " KiB each, " + runs
                + " runs) to GLACIER_IR on S3Mock 5.2.3 (in-process), concurrency " + concurrency + ", best of "
                + rounds + " rounds after a warm-up round ==");
        Policy policy = PolicyLoader.parse(("version: 1\nlayout:\n  prefix: ci/\n  runIdTimestamp:\n"
                + "    regex: \"(\\\\d{8}_\\\\d{6})\"\n    format: yyyyMMdd_HHmmss\nrules:\n  - name: bench\n"
                + "    keepLastRuns: 0\n    archiveAfterDays: 30\n    archiveStorageClass: GLACIER_IR\n"
                + "    longTermAfterDays: null\n    expireAfterDays: null\n").getBytes(StandardCharsets.UTF_8),
                "bench.yaml");
        List<Result> results = new ArrayList<>();
        try (Emulator emu = new Emulator();
                S3Client admin = emu.s3("apache", 32);
                DynamoDbClient ddb = emu.aws.dynamoDbClient()) {
            admin.createBucket(r -> r.bucket(BUCKET));
            DynamoDbAuditLog.createTable(ddb, "bench-audit");
            Emulator.seed(admin, BUCKET, "bench", objects, runs, size, 100);
            Map<String, Contender> contenders = new LinkedHashMap<>();
            contenders.put(OURS, () -> sweep(emu, ddb, policy, "url-connection", concurrency));
            contenders.put("artifact-lifecycle sweep (Apache client)", () -> sweep(emu, ddb, policy, "apache",
                    concurrency));
            contenders.put("artifact-lifecycle sweep (URL connection, no audit)", () -> sweep(emu, null, policy,
                    "url-connection", concurrency));
            contenders.put("naive sequential SDK loop", () -> naive(emu));
            contenders.put("AWS CLI s3 cp --recursive --storage-class", () -> awsCli(emu));
            contenders.put("rclone settier", () -> rclone(emu));
            contenders.put("raw ceiling: CopyObject only, same concurrency", () -> ceiling(emu, concurrency));
            // The in-process emulator's JIT is cold at first: one untimed round warms it for everyone.
            ceiling(emu, concurrency);
            for (var c : contenders.entrySet()) {
                double seconds = Double.MAX_VALUE;
                Optional<String> skipped = Optional.empty();
                long done = 0;
                for (int round = 0; round < rounds && skipped.isEmpty(); round++) {
                    Emulator.resetToStandard(admin, BUCKET, PREFIX);
                    long t0 = System.nanoTime();
                    skipped = c.getValue().run();
                    seconds = Math.min(seconds, (System.nanoTime() - t0) / 1e9);
                    done = Emulator.countIn(admin, BUCKET, PREFIX, "GLACIER_IR");
                }
                results.add(new Result(c.getKey(), skipped.isPresent() ? Double.NaN : seconds, done,
                        skipped.orElse(done == objects ? "" : "(!) only " + done + " of " + objects + " moved")));
                System.out.println("  measured: " + c.getKey() + (skipped.map(s -> " — skipped: " + s)
                        .orElse(String.format(Locale.ROOT, " — %.1f s", seconds))));
            }
        }
        print(results, objects);
    }

    interface Contender {
        /** Empty when it ran; the reason when it could not. */
        Optional<String> run() throws Exception;
    }

    static Optional<String> sweep(Emulator emu, DynamoDbClient ddb, Policy policy, String client, int concurrency) {
        try (S3Client s3 = emu.s3(client, concurrency)) {
            AuditLog audit = ddb == null ? AuditLog.NONE : new DynamoDbAuditLog(ddb, "bench-audit", Duration.ofDays(1));
            SweepService service = new SweepService(new S3ObjectSource(s3), new S3ObjectStore(s3), audit,
                    Clock.systemUTC());
            Instant now = Instant.now();
            SweepReport r = service.sweep(new SweepRequest(SweepId.of(now, new Random()), BUCKET, policy, Mode.APPLY,
                    Trigger.CLI, now, List.of(), concurrency, null));
            return r.summary().failed() == 0 ? Optional.empty() : Optional.of(r.summary().failed() + " failed");
        }
    }

    static Optional<String> naive(Emulator emu) {
        try (S3Client s3 = emu.s3("apache", 1)) {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(PREFIX)).contents()) {
                s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey(o.key()).destinationBucket(BUCKET)
                        .destinationKey(o.key()).storageClass("GLACIER_IR").metadataDirective(MetadataDirective.COPY));
            }
        }
        return Optional.empty();
    }

    static Optional<String> ceiling(Emulator emu, int concurrency) {
        try (S3Client s3 = emu.s3("url-connection", concurrency)) {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(PREFIX)).contents().forEach(o -> keys.add(o.key()));
            Emulator.parallel(keys, concurrency, k -> s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey(k)
                    .destinationBucket(BUCKET).destinationKey(k).storageClass("GLACIER_IR")
                    .metadataDirective(MetadataDirective.COPY)));
        }
        return Optional.empty();
    }

    static Optional<String> awsCli(Emulator emu) throws Exception {
        Optional<Path> aws = onPath("aws");
        if (aws.isEmpty()) {
            return Optional.of("aws not on PATH (apt-get install awscli)");
        }
        return external(emu, List.of(aws.get().toString(), "s3", "cp", "s3://" + BUCKET + "/" + PREFIX,
                "s3://" + BUCKET + "/" + PREFIX, "--recursive", "--storage-class", "GLACIER_IR", "--only-show-errors",
                "--endpoint-url", emu.aws.s3Endpoint().toString()), Map.of());
    }

    static Optional<String> rclone(Emulator emu) throws Exception {
        Optional<Path> rclone = onPath("rclone");
        if (rclone.isEmpty()) {
            return Optional.of("rclone not on PATH (apt-get install rclone)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RCLONE_CONFIG_EMU_TYPE", "s3");
        env.put("RCLONE_CONFIG_EMU_PROVIDER", "Other");
        env.put("RCLONE_CONFIG_EMU_ENDPOINT", emu.aws.s3Endpoint().toString());
        env.put("RCLONE_CONFIG_EMU_ACCESS_KEY_ID", LocalAws.ACCESS_KEY);
        env.put("RCLONE_CONFIG_EMU_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY);
        env.put("RCLONE_CONFIG_EMU_FORCE_PATH_STYLE", "true");
        env.put("RCLONE_CONFIG_EMU_REGION", LocalAws.REGION);
        return external(emu, List.of(rclone.get().toString(), "settier", "GLACIER_IR", "emu:" + BUCKET + "/" + PREFIX),
                env);
    }

    static Optional<String> external(Emulator emu, List<String> command, Map<String, String> extraEnv)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = Files.createTempFile("bench-tool", ".log");
        pb.redirectOutput(log.toFile());
        pb.environment().putAll(emu.aws.environment());
        pb.environment().put("AWS_DEFAULT_REGION", LocalAws.REGION);
        // This machine exports a CA bundle that rclone's SDK cannot load; neither tool needs it on loopback.
        pb.environment().remove("AWS_CA_BUNDLE");
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return Optional.of("timed out after 20 minutes");
        }
        if (p.exitValue() != 0) {
            return Optional.of("exit " + p.exitValue() + ": " + Files.readString(log).lines().limit(3).toList());
        }
        return Optional.empty();
    }

    static void print(List<Result> results, int objects) {
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "%-50s %10s %12s  %s", "contender", "seconds", "objects/s",
                "note"));
        double ours = Double.NaN;
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Result r : results) {
            double rate = objects / r.seconds();
            rates.put(r.name(), rate);
            if (r.name().equals(OURS)) {
                ours = rate;
            }
            System.out.println(String.format(Locale.ROOT, "%-50s %10.1f %12.1f  %s", r.name(), r.seconds(), rate,
                    r.note()));
        }
        System.out.println();
        for (var e : rates.entrySet()) {
            if (!e.getKey().equals(OURS) && !Double.isNaN(e.getValue())) {
                System.out.println(String.format(Locale.ROOT, "ours / %-50s = %5.2fx", e.getKey(), ours / e.getValue()));
            }
        }
        System.out.println();
    }

    static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static int intArg(String[] args, String name, int dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return dflt;
    }
}
