package dev.artifactlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The command line as users run it, against S3Mock + DynamoDB Local over HTTP. */
class CliIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalAws aws;
    static S3Client s3;
    static DynamoDbClient ddb;

    @TempDir
    static Path dir;

    String bucket;
    String table;
    Path policy;

    record Result(int exit, String out, String err) {}

    @BeforeAll
    static void emulators() {
        aws = LocalAws.shared();
        s3 = aws.s3Client();
        ddb = aws.dynamoDbClient();
        // The SDK's default credential chain reads these; the CLI gets endpoints and region from the env map.
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_KEY);
    }

    @AfterAll
    static void close() {
        s3.close();
        ddb.close();
    }

    @BeforeEach
    void freshBucketTableAndRuns() throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        bucket = "cli-" + id;
        table = "audit-" + id;
        s3.createBucket(r -> r.bucket(bucket));
        DynamoDbAuditLog.createTable(ddb, table);
        run("api", "r1", 1);
        run("api", "r2", 50);
        run("api", "r3", 900);
        policy = dir.resolve("policy-" + id + ".yaml");
        Files.writeString(policy, """
                version: 1
                layout:
                  prefix: ci/
                rules:
                  - name: api
                    keepLastRuns: 1
                """);
    }

    void run(String pipeline, String id, int ageDays) {
        String prefix = "ci/" + pipeline + "/" + id + "/";
        s3.putObject(r -> r.bucket(bucket).key(prefix + "metadata.json"), RequestBody.fromString(
                "{\"created_at\":\"" + Instant.now().minus(Duration.ofDays(ageDays)) + "\",\"status\":\"success\"}"));
        s3.putObject(r -> r.bucket(bucket).key(prefix + "app.jar"), RequestBody.fromBytes(new byte[200 * 1024]));
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(aws.environment());
        env.put("AUDIT_TABLE", table);
        return env;
    }

    Result cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result cli(String... args) {
        return cli(env(), args);
    }

    Map<String, String> bucketState() {
        Map<String, String> m = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            m.put(o.key(), o.storageClassAsString() + " " + o.eTag());
        }
        return m;
    }

    int auditItems() {
        return ddb.scan(r -> r.tableName(table)).count();
    }

    @Test
    void aDryRunPrintsOneJsonDocumentOnStdoutAndChangesNothing() throws IOException {
        Map<String, String> before = bucketState();
        Result r = cli("sweep", "--bucket", bucket, "--policy", policy.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("sweepId").asText()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}");
        assertThat(doc.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(doc.get("bucket").asText()).isEqualTo(bucket);
        assertThat(doc.has("asOf")).isTrue();
        JsonNode s = doc.get("summary");
        for (String f : List.of("pipelines", "runs", "objects", "bytes", "transitions", "transitionBytes", "deletes",
                "deleteBytes", "failed", "skippedSmall", "orphans")) {
            assertThat(s.has(f)).as(f).isTrue();
        }
        assertThat(s.get("runs").asLong()).isEqualTo(3);
        assertThat(s.get("transitions").asLong()).isEqualTo(1);
        assertThat(s.get("deletes").asLong()).isEqualTo(2);
        JsonNode action = doc.get("actions").get(0);
        for (String f : List.of("action", "key", "pipeline", "runId", "fromStorageClass", "toStorageClass",
                "sizeBytes", "rule", "reason", "outcome", "error")) {
            assertThat(action.has(f)).as(f).isTrue();
        }
        assertThat(doc.get("actions")).allSatisfy(a -> assertThat(a.get("outcome").asText()).isEqualTo("PLANNED"));
        assertThat(doc.get("findings").isArray()).isTrue();
        assertThat(bucketState()).isEqualTo(before);
        assertThat(auditItems()).as("the dry run's summary only").isEqualTo(1);
    }

    @Test
    void anApplyChangesTheBucketAuditsItAndASecondApplyDoesNothing() throws IOException {
        Result r = cli("sweep", "--bucket", bucket, "--policy", policy.toString(), "--apply");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("APPLIED", "transition 1 objects", "delete 2 objects");
        assertThat(bucketState()).containsKey("ci/api/r1/app.jar").doesNotContainKey("ci/api/r3/app.jar");
        assertThat(bucketState().get("ci/api/r2/app.jar")).startsWith("STANDARD_IA");
        assertThat(auditItems()).isEqualTo(4);

        Result again = cli("sweep", "--bucket", bucket, "--policy", policy.toString(), "--apply", "--format", "json");
        assertThat(again.exit()).isZero();
        assertThat(JSON.readTree(again.out()).get("actions")).isEmpty();
        assertThat(auditItems()).isEqualTo(5);
    }

    @Test
    void theKillSwitchMakesAnApplyADryRunAndABadValueIsRefused() throws IOException {
        Map<String, String> before = bucketState();
        Map<String, String> env = env();
        env.put("ARTIFACT_LIFECYCLE_DRY_RUN_ONLY", "true");
        Result r = cli(env, "sweep", "--bucket", bucket, "--policy", policy.toString(), "--apply", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("the kill switch is on");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(doc.get("findings").toString()).contains("KILL_SWITCH");
        assertThat(bucketState()).isEqualTo(before);
        assertThat(auditItems()).as("its dry-run summary only").isEqualTo(1);

        env.put("ARTIFACT_LIFECYCLE_DRY_RUN_ONLY", "maybe");
        Result bad = cli(env, "sweep", "--bucket", bucket, "--policy", policy.toString(), "--apply");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("ARTIFACT_LIFECYCLE_DRY_RUN_ONLY=maybe must be true or false");
        assertThat(bucketState()).isEqualTo(before);
    }

    @Test
    void aForecastShowsWhatWillHappenLater() throws IOException {
        Result r = cli("sweep", "--bucket", bucket, "--policy", policy.toString(), "--as-of",
                Instant.now().plus(Duration.ofDays(400)).toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("summary").get("deletes").asLong()).isEqualTo(4);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("apply with as-of", List.of("--apply", "--as-of", "2027-01-01"), Map.of(),
                        "--as-of 2027-01-01 is only allowed with a dry run"),
                Arguments.of("apply without audit table", List.of("--apply"), Map.of("AUDIT_TABLE", ""),
                        "--apply needs an audit table"),
                Arguments.of("missing audit table", List.of("--apply", "--audit-table", "no-such-table"), Map.of(),
                        "audit table no-such-table does not exist"),
                Arguments.of("missing bucket", List.of("--bucket", "no-such-bucket-x"), Map.of(),
                        "bucket no-such-bucket-x does not exist"),
                Arguments.of("unreachable endpoint", List.of("--apply"),
                        Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9"), "cannot reach S3 at http://127.0.0.1:9"),
                Arguments.of("endpoint that is not a URL", List.of(), Map.of("AWS_ENDPOINT_URL_S3", "localhost"),
                        "AWS_ENDPOINT_URL_S3=localhost is not an http(s) URL"),
                Arguments.of("bad format", List.of("--format", "xml"), Map.of(), "--format xml is not a format"),
                Arguments.of("zero concurrency", List.of("--concurrency", "0"), Map.of(), "--concurrency 0"),
                Arguments.of("bad as-of", List.of("--as-of", "tomorrow"), Map.of(), "--as-of tomorrow is not an ISO-8601"),
                Arguments.of("bad pipeline glob", List.of("--pipeline", "[api"), Map.of(), "--pipeline [api is not a valid glob"),
                Arguments.of("dry run and apply", List.of("--dry-run", "--apply"), Map.of(), "mutually exclusive"),
                Arguments.of("unknown option", List.of("--aply"), Map.of(), "Unknown option: '--aply'"),
                Arguments.of("no-audit and audit table", List.of("--no-audit", "--audit-table", "t"), Map.of(),
                        "mutually exclusive"),
                Arguments.of("missing policy file", List.of("--policy", "no/such.yaml"), Map.of(),
                        "no such file: no/such.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputExitsTwoWithAClearErrorAndChangesNothing(String name, List<String> extra, Map<String, String> envOver,
            String message) {
        Map<String, String> before = bucketState();
        // The case's own --bucket or --policy replaces the valid one.
        List<String> merged = new ArrayList<>(List.of("sweep"));
        if (!extra.contains("--bucket")) {
            merged.addAll(List.of("--bucket", bucket));
        }
        if (!extra.contains("--policy")) {
            merged.addAll(List.of("--policy", policy.toString()));
        }
        merged.addAll(extra);
        Map<String, String> env = env();
        env.putAll(envOver);
        Result r = cli(env, merged.toArray(String[]::new));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).doesNotContain("APPLIED");
        assertThat(bucketState()).isEqualTo(before);
        assertThat(auditItems()).isZero();
    }

    @Test
    void anInvalidPolicyListsEveryProblemAndChangesNothing() throws IOException {
        Path bad = dir.resolve("bad-" + bucket + ".yaml");
        Files.writeString(bad, "version: 2\nlayout:\n  prefix: ''\nrules:\n  - name: a\n    keepLastRuns: -1\n");
        Map<String, String> before = bucketState();
        Result r = cli("sweep", "--bucket", bucket, "--policy", bad.toString(), "--apply");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("version:", "layout.prefix:", "rules[0].keepLastRuns:", "Nothing was changed");
        assertThat(bucketState()).isEqualTo(before);
        assertThat(auditItems()).isZero();

        Result v = cli("validate", "--policy", bad.toString());
        assertThat(v.exit()).isEqualTo(2);
        assertThat(v.err()).contains("3 problems");
    }

    @Test
    void validatePrintsEffectiveSettingsWithPresetsExpanded() {
        Result r = cli("validate", "--policy", policy.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("rule api (strategy moderate) governs every pipeline",
                "successful runs: keep newest 1, STANDARD_IA after 30 d, GLACIER after 120 d, expire after 365 d",
                "failed runs:     keep newest 1, expire after 14 d");
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(cli("--help").exit()).isZero();
        assertThat(cli("sweep", "--help").out()).contains("--as-of", "--apply", "--audit-table");
        assertThat(cli("--version").out()).contains("artifact-lifecycle");
    }

    @Test
    void theDemoRunsEndToEndFromTheBuiltJar() throws Exception {
        Path jar = Path.of("target/artifact-lifecycle.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("demo.out");
        Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + dir, "-jar", jar.toString(), "demo")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(finished).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Seeded s3://artifacts-demo/ci/ with 114 runs", "DRY RUN (nothing changed)",
                "APPLIED sweep", "The audit trail of one run", "DONE", "Emulators stopped");
    }

    Path envFile() throws IOException {
        Path f = dir.resolve("fn-" + bucket + ".env");
        StringBuilder b = new StringBuilder("# what template.yaml sets, pointed at the emulators\n");
        aws.environment().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        b.append("ARTIFACT_BUCKET=").append(bucket).append('\n');
        b.append("AUDIT_TABLE=").append(table).append('\n');
        b.append("POLICY_FILE=").append(policy).append('\n');
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void invokeRunsTheRealHandlersWithTheLambdaEnvironment() throws IOException {
        Map<String, String> before = bucketState();
        Result dry = cli(Map.of(), "invoke", "dry-run", "--event", "../events/manual-dry-run.json", "--env-file",
                envFile().toString());
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(JSON.readTree(dry.out()).get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(dry.err()).as("the structured log line").contains("\"message\":\"sweep finished\"");
        assertThat(bucketState()).isEqualTo(before);

        Result refused = cli(Map.of(), "invoke", "dry-run", "--event", "../events/manual-apply.json", "--env-file",
                envFile().toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("\"dryRun\": false is refused");

        Result apply = cli(Map.of(), "invoke", "sweep", "--event", "../events/manual-apply.json", "--env-file",
                envFile().toString());
        assertThat(apply.exit()).as(apply.err()).isZero();
        JsonNode doc = JSON.readTree(apply.out());
        assertThat(doc.get("mode").asText()).isEqualTo("APPLY");
        assertThat(doc.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(bucketState()).doesNotContainKey("ci/api/r3/app.jar");
    }

    @Test
    void invokeReportsAFunctionThatCannotInitialise() {
        Result r = cli(Map.of(), "invoke", "sweep", "--event", "../events/schedule.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("SweepFunction failed to initialise", "ARTIFACT_BUCKET is not set",
                "AUDIT_TABLE is not set", "no policy is configured");
        assertThat(r.out()).isEmpty();
        Result unknown = cli(Map.of(), "invoke", "cleanup", "--event", "../events/schedule.json");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("FUNCTION cleanup is not one of sweep, dry-run, upload");
    }

    @Test
    void localStartsTheEmulatorsAndPrintsWhatToExport() throws Exception {
        Result r = cli(Map.of(), "local", "--for", "PT0.1S", "--bucket", "scratch");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("export AWS_ENDPOINT_URL_S3=http://127.0.0.1:", "export AUDIT_TABLE=");
    }
}
