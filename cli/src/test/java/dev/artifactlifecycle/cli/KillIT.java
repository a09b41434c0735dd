package dev.artifactlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.local.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Kill tests: {@code sweep --apply} from the built jar in a child JVM, killed with SIGKILL at random points of its
 * run, then finished by {@code sweep --resume} or by a fresh sweep. The bucket must end exactly as an uninterrupted
 * apply leaves it, with no PENDING audit item and exactly one DONE item per changed object.
 */
class KillIT {
    static final String POLICY = """
            version: 1
            layout:
              prefix: ci/
            safety:
              maxDeleteFraction: 1
            rules:
              - name: all
                keepLastRuns: 3
                archiveAfterDays: 30
                archiveStorageClass: STANDARD_IA
                longTermAfterDays: 120
                longTermStorageClass: GLACIER
                expireAfterDays: 365
            """;
    static final int PIPELINES = 6;
    static final int RUNS = 12;
    static final int FILES = 6;

    @TempDir
    static Path dir;
    static LocalAws aws;
    static S3Client s3;
    static DynamoDbClient ddb;
    static Path policy;
    static Map<String, String> expected;

    @BeforeAll
    static void emulatorsAndTheExpectedOutcome() throws IOException {
        aws = LocalAws.shared();
        s3 = aws.s3Client();
        ddb = aws.dynamoDbClient();
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_KEY);
        policy = dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        // The reference: the same data, applied without interruption (in this JVM).
        String[] ref = fresh();
        int exit = Main.run(new String[] {"sweep", "--bucket", ref[0], "--policy", policy.toString(), "--apply",
            "--audit-table", ref[1]}, aws.environment(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isZero();
        expected = classes(ref[0]);
    }

    @AfterAll
    static void close() {
        s3.close();
        ddb.close();
    }

    /** A new bucket and table with the seed data; returns {bucket, table}. */
    static String[] fresh() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String bucket = "kill-" + id;
        String table = "audit-" + id;
        s3.createBucket(r -> r.bucket(bucket));
        DynamoDbAuditLog.createTable(ddb, table);
        Instant now = Instant.now();
        for (int p = 0; p < PIPELINES; p++) {
            for (int r = 0; r < RUNS; r++) {
                String prefix = "ci/p" + p + "/r" + String.format("%02d", r) + "/";
                Instant created = now.minus(Duration.ofDays(r * 40L + 1));
                s3.putObject(b -> b.bucket(bucket).key(prefix + "metadata.json"), RequestBody.fromString(
                        "{\"created_at\":\"" + created + "\",\"status\":\"success\"}"));
                for (int f = 0; f < FILES; f++) {
                    String key = prefix + "f" + f + ".bin";
                    s3.putObject(b -> b.bucket(bucket).key(key),
                            RequestBody.fromBytes(new byte[200 * 1024]));
                }
            }
        }
        return new String[] {bucket, table};
    }

    static Map<String, String> classes(String bucket) {
        Map<String, String> m = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            m.put(o.key(), o.storageClassAsString() == null ? "STANDARD" : o.storageClassAsString());
        }
        return m;
    }

    static int changed(String bucket, Map<String, String> seed) {
        Map<String, String> now = classes(bucket);
        int n = 0;
        for (Map.Entry<String, String> e : seed.entrySet()) {
            if (!e.getValue().equals(now.get(e.getKey()))) {
                n++;
            }
        }
        return n;
    }

    static Process child(String bucket, String table, Path log, String... extra) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + dir, "-jar",
                Path.of("target/artifact-lifecycle.jar").toAbsolutePath().toString(), "sweep", "--bucket", bucket,
                "--policy", policy.toString(), "--audit-table", table, "--concurrency", "2"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(aws.environment());
        return pb.start();
    }

    /** Time passes: the killed process's leases run out. */
    static void expireLeases(String table) {
        for (Map<String, AttributeValue> i : ddb.scanPaginator(r -> r.tableName(table)).items()) {
            if (i.get("pk").s().startsWith("LEASE#")) {
                ddb.updateItem(u -> u.tableName(table).key(Map.of("pk", i.get("pk"), "sk", i.get("sk")))
                        .updateExpression("SET untilMs = :z").expressionAttributeValues(Map.of(":z",
                                AttributeValue.fromN("0"))));
            }
        }
    }

    static String sweepIdOfCheckpoint(String table) {
        for (Map<String, AttributeValue> i : ddb.scanPaginator(r -> r.tableName(table)).items()) {
            if (i.get("sk").s().equals("CHECKPOINT")) {
                return i.get("sweepId").s();
            }
        }
        return null;
    }

    void assertConvergedWithACompleteAudit(String bucket, String table, Map<String, String> seed, String what) {
        assertThat(classes(bucket)).as(what).isEqualTo(expected);
        Map<String, Integer> done = new TreeMap<>();
        for (Map<String, AttributeValue> i : ddb.scanPaginator(r -> r.tableName(table)).items()) {
            AttributeValue outcome = i.get("outcome");
            if (outcome == null) {
                continue;
            }
            assertThat(outcome.s()).as(what + ": " + i.get("sk").s()).isNotEqualTo("PENDING");
            if (outcome.s().equals("DONE")) {
                done.merge(i.get("key").s(), 1, Integer::sum);
            }
        }
        for (String key : seed.keySet()) {
            boolean changed = !seed.get(key).equals(expected.get(key));
            assertThat(done.getOrDefault(key, 0)).as(what + ": DONE items for " + key).isEqualTo(changed ? 1 : 0);
        }
    }

    @Test
    void aSweepKilledAtRandomPointsConvergesAfterAResumeOrAFreshSweep() throws Exception {
        Random random = new Random(7);
        int total = changed(fresh()[0], expected); // what a full apply changes, measured on a spare seed
        for (int round = 0; round < 4; round++) {
            String[] bt = fresh();
            String bucket = bt[0];
            String table = bt[1];
            Map<String, String> seed = classes(bucket);
            int killAt = 1 + random.nextInt(Math.max(1, total - 1));
            Path log = dir.resolve("kill-" + round + ".log");
            Process p = child(bucket, table, log, "--apply", "--force");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (p.isAlive() && changed(bucket, seed) < killAt && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            String what = "round " + round + ", killed after " + changed(bucket, seed) + " of " + total + " changes";
            System.out.println("kill test: " + what);

            expireLeases(table);
            String sweepId = sweepIdOfCheckpoint(table);
            Path after = dir.resolve("after-" + round + ".log");
            boolean resume = round % 2 == 0 && sweepId != null;
            System.out.println("kill test: round " + round + " finished by " + (resume ? "--resume " + sweepId
                    : "a fresh sweep"));
            Process finish = resume ? child(bucket, table, after, "--resume", sweepId)
                    : child(bucket, table, after, "--apply", "--force");
            assertThat(finish.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(finish.exitValue()).as(what + "\n" + Files.readString(after)).isZero();
            assertConvergedWithACompleteAudit(bucket, table, seed, what);
        }
    }
}
