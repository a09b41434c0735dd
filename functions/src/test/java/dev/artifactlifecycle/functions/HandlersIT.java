package dev.artifactlifecycle.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.local.LocalAws;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Each handler, driven by the files in events/, end to end against S3Mock + DynamoDB Local. */
class HandlersIT {
    static final String BUCKET = "my-artifacts"; // the bucket the sample events name
    static final Path EVENTS = Path.of("").toAbsolutePath().resolve("../events").normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String POLICY = """
            version: 1
            layout:
              prefix: ci/
            rules:
              - name: pipelines
                keepLastRuns: 2
                maxRuns: 3
                archiveAfterDays: 30
                archiveStorageClass: STANDARD_IA
                longTermAfterDays: 120
                longTermStorageClass: GLACIER
                expireAfterDays: 365
            """;

    static LocalAws aws;
    final List<String> operations = new CopyOnWriteArrayList<>();
    /** What the handler itself sent during the last {@link #invoke}, without the test's own seeding and checks. */
    List<String> handlerOps = List.of();
    S3Client s3;
    DynamoDbClient ddb;
    String table;

    @BeforeAll
    static void emulators() {
        aws = LocalAws.shared();
        try (S3Client s3 = aws.s3Client()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
                s3.createBucket(r -> r.bucket(BUCKET));
            }
        }
    }

    @BeforeEach
    void emptyBucketFreshTable() {
        ExecutionInterceptor record = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution c, ExecutionAttributes a) {
                operations.add(a.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase().replace("dynamodb",
                        "dynamodb") + ":" + a.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        s3 = S3Client.builder().endpointOverride(aws.s3Endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(LocalAws.credentials()).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(record)).build();
        ddb = DynamoDbClient.builder().endpointOverride(aws.dynamoDbEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(LocalAws.credentials()).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(record)).build();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents()) {
            s3.deleteObject(r -> r.bucket(BUCKET).key(o.key()));
        }
        table = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbAuditLog.createTable(ddb, table);
        operations.clear();
    }

    @AfterEach
    void close() {
        s3.close();
        ddb.close();
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("ARTIFACT_BUCKET", BUCKET);
        env.put("AUDIT_TABLE", table);
        env.put("POLICY", POLICY);
        env.put("ARTIFACT_PREFIX", "ci/");
        return env;
    }

    FunctionRuntime runtime() {
        return new FunctionRuntime(FunctionConfig.from(env()), s3, ddb, Clock.systemUTC());
    }

    void run(String pipeline, String id, int ageDays, boolean complete) {
        String prefix = "ci/" + pipeline + "/" + id + "/";
        s3.putObject(r -> r.bucket(BUCKET).key(prefix + "app.jar"), RequestBody.fromBytes(new byte[200 * 1024]));
        s3.putObject(r -> r.bucket(BUCKET).key(prefix + "metadata.json"), RequestBody.fromString("{\"created_at\":\""
                + Instant.now().minus(Duration.ofDays(ageDays)) + "\"}"));
        if (complete) {
            s3.putObject(r -> r.bucket(BUCKET).key(prefix + "_SUCCESS"), RequestBody.empty());
        }
    }

    Map<String, String> state() {
        Map<String, String> m = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents()) {
            m.put(o.key(), o.storageClassAsString());
        }
        return m;
    }

    static byte[] event(String name) throws IOException {
        return Files.readAllBytes(EVENTS.resolve(name));
    }

    JsonNode invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        return invoke(handler, event, null);
    }

    /** @param remaining the successive answers of getRemainingTimeInMillis (the last repeats); null for 5 minutes */
    JsonNode invoke(RequestStreamHandler handler, byte[] event, int[] remaining) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        operations.clear();
        com.amazonaws.services.lambda.runtime.Context local = new LocalContext("test", Duration.ofMinutes(5), 1024,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        com.amazonaws.services.lambda.runtime.Context context = remaining == null ? local
                : (com.amazonaws.services.lambda.runtime.Context) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {com.amazonaws.services.lambda.runtime.Context.class},
                (proxy, method, args) ->
                        method.getName().equals("getRemainingTimeInMillis")
                                ? remaining[Math.min(calls.getAndIncrement(), remaining.length - 1)]
                                : method.invoke(local, args));
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, context);
        } finally {
            handlerOps = List.copyOf(operations);
        }
        String logText = log.toString(StandardCharsets.UTF_8);
        assertThat(logText).doesNotContain("Records").doesNotContain("detail-type").doesNotContain("POLICY");
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void aSweepNearItsTimeoutCheckpointsQueuesItsContinuationAndTheContinuationFinishesIt() throws IOException {
        for (String p : List.of("api", "web", "zed")) {
            run(p, "r1", 1, true);
            run(p, "r2", 2, true);
            run(p, "r3", 40, true);
            run(p, "r4", 500, true);
        }
        List<String> continued = new CopyOnWriteArrayList<>();
        FunctionRuntime rt = new FunctionRuntime(FunctionConfig.from(env()), s3, ddb, Clock.systemUTC(),
                (arn, id) -> continued.add(arn + " " + id));
        // 100 s left at the start (margin 25 s), then 10 s: time is up after the first pipeline.
        JsonNode first = invoke(new SweepHandler(rt), "{\"dryRun\": false, \"force\": true}"
                .getBytes(StandardCharsets.UTF_8), new int[] {100_000, 10_000});
        assertThat(first.get("status").asText()).isEqualTo("CONTINUED");
        String id = first.get("sweepId").asText();
        assertThat(continued).containsExactly("arn:aws:lambda:local:000000000000:function:test " + id);
        assertThat(state()).containsEntry("ci/api/r3/app.jar", "STANDARD_IA").containsEntry("ci/web/r3/app.jar",
                "STANDARD");

        JsonNode rest = invoke(new SweepHandler(rt), ("{\"resume\": \"" + id + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(rest.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(rest.get("sweepId").asText()).isEqualTo(id);
        assertThat(rest.get("summary").get("pipelines").asInt()).isEqualTo(3);
        assertThat(rest.get("summary").get("transitions").asInt()).isEqualTo(3);
        assertThat(state()).containsEntry("ci/web/r3/app.jar", "STANDARD_IA")
                .containsEntry("ci/zed/r3/app.jar", "STANDARD_IA").doesNotContainKey("ci/zed/r4/app.jar");
        assertThat(handlerOps).as("the continuation lists everything again but acts only on what is left")
                .contains("s3:CopyObject");

        assertThatThrownBy(() -> invoke(new SweepHandler(rt), ("{\"resume\": \"" + id + "\", \"force\": true}")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("\"resume\" stands alone");
        assertThatThrownBy(() -> invoke(new SweepHandler(rt), "{\"resume\": \"yesterday\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("it takes a sweep id");
        assertThatThrownBy(() -> invoke(new SweepHandler(rt), "{\"resume\": \"20261101T000000Z-00000000\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("no checkpoint for sweep");
    }

    int auditItems() {
        return ddb.scan(r -> r.tableName(table)).count();
    }

    /** Seeds the runs the sample events talk about: api r-0039..r-0041 (young) and r-0042 (just completed). */
    void seedApi() {
        run("api", "r-0038", 200, true);
        run("api", "r-0039", 3, true);
        run("api", "r-0040", 2, true);
        run("api", "r-0041", 1, true);
    }

    static Stream<String> allEvents() throws IOException {
        try (Stream<Path> s = Files.list(EVENTS)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allEvents")
    void everySampleEventIsHandledByItsFunction(String name) throws IOException {
        seedApi();
        run("api", "r-0042", 0, true);
        run("web", "nightly 7", 0, true);
        RequestStreamHandler handler = name.startsWith("upload") ? new UploadHandler(runtime())
                : new SweepHandler(runtime());
        JsonNode response = invoke(handler, event(name));
        assertThat(response.isObject()).isTrue();
        String function = handler instanceof UploadHandler ? "UploadHandler" : "SweepHandler";
        assertThat(handlerOps).allSatisfy(op -> assertThat(FunctionPermissions.OPERATIONS.get(function))
                .as("%s may call %s", function, op).contains(op));
    }

    @Test
    void theJarTemplateYamlDeploysHoldsEveryHandler() throws IOException {
        Path jar = Path.of("target/artifact-lifecycle-functions.jar");
        assertThat(jar).exists();
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (String handler : List.of("SweepHandler", "DryRunHandler", "UploadHandler")) {
                assertThat(zip.getEntry("dev/artifactlifecycle/functions/" + handler + ".class")).as(handler).isNotNull();
            }
            assertThat(zip.getEntry("software/amazon/awssdk/services/s3/S3Client.class")).isNotNull();
            assertThat(zip.getEntry("com/adobe/testing/s3mock/S3MockApplication.class")).as("no emulators").isNull();
        }
    }

    @Test
    void theShadedJarAloneInitialisesAndAnswersWithAYamlPolicy() throws Exception {
        seedApi();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Path.of("target/artifact-lifecycle-functions.jar").toAbsolutePath() + File.pathSeparator
                + Path.of("target/test-classes").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", cp, ShadedJarSmoke.class.getName());
        pb.environment().putAll(aws.environment());
        pb.environment().putAll(env());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode r = JSON.readTree(out);
        assertThat(r.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(r.get("summary").get("runs").asInt()).isEqualTo(4);
    }

    @Test
    void theScheduleAppliesThePolicy() throws IOException {
        seedApi();
        JsonNode r = invoke(new SweepHandler(runtime()), event("schedule.json"));
        assertThat(r.get("mode").asText()).isEqualTo("APPLY");
        assertThat(r.get("trigger").asText()).isEqualTo("SCHEDULE");
        assertThat(r.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(state()).doesNotContainKey("ci/api/r-0038/app.jar");
        assertThat(auditItems()).isGreaterThan(1);
    }

    @Test
    void theKillSwitchMakesTheScheduleADryRun() throws IOException {
        seedApi();
        Map<String, String> before = state();
        Map<String, String> env = env();
        env.put("ARTIFACT_LIFECYCLE_DRY_RUN_ONLY", "true");
        FunctionRuntime rt = new FunctionRuntime(FunctionConfig.from(env), s3, ddb, Clock.systemUTC());
        JsonNode r = invoke(new SweepHandler(rt), event("schedule.json"));
        assertThat(r.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(r.get("trigger").asText()).isEqualTo("SCHEDULE");
        assertThat(r.get("findings").toString()).contains("KILL_SWITCH");
        assertThat(state()).isEqualTo(before);
        assertThat(handlerOps).noneMatch(op -> op.equals("s3:CopyObject") || op.equals("s3:DeleteObjects"));
    }

    @Test
    void aManualPayloadWithoutDryRunChangesNothing() throws IOException {
        seedApi();
        Map<String, String> before = state();
        JsonNode r = invoke(new SweepHandler(runtime()), event("manual-dry-run.json"));
        assertThat(r.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(r.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(r.get("actions")).isNotEmpty().allSatisfy(a -> assertThat(a.get("outcome").asText())
                .isEqualTo("PLANNED"));
        assertThat(state()).isEqualTo(before);
        assertThat(handlerOps).noneMatch(op -> op.equals("s3:CopyObject") || op.equals("s3:DeleteObjects"));
        assertThat(auditItems()).isEqualTo(1);
    }

    @Test
    void aManualApplyPayloadApplies() throws IOException {
        seedApi();
        JsonNode r = invoke(new SweepHandler(runtime()), event("manual-apply.json"));
        assertThat(r.get("mode").asText()).isEqualTo("APPLY");
        assertThat(r.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(state()).doesNotContainKey("ci/api/r-0038/app.jar");
    }

    @Test
    void theDryRunFunctionPreviewsAndRefusesToApply() throws IOException {
        seedApi();
        Map<String, String> before = state();
        JsonNode r = invoke(new DryRunHandler(runtime()), event("manual-dry-run.json"));
        assertThat(r.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThatThrownBy(() -> invoke(new DryRunHandler(runtime()), event("manual-apply.json")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("\"dryRun\": false is refused")
                .hasMessageContaining("SweepFunction");
        assertThat(state()).isEqualTo(before);
        JsonNode again = invoke(new DryRunHandler(runtime()), event("manual-dry-run.json"));
        assertThat(again.get("mode").asText()).isEqualTo("DRY_RUN");
        assertThat(handlerOps).isNotEmpty().allSatisfy(op -> assertThat(FunctionPermissions.OPERATIONS
                .get("DryRunHandler")).contains(op));
    }

    @Test
    void anUploadThatCompletesARunEnforcesItsPipelineAtOnce() throws IOException {
        seedApi();
        run("other", "o1", 900, true);
        run("api", "r-0042", 0, true);
        JsonNode r = invoke(new UploadHandler(runtime()), event("upload-eventbridge-success-marker.json"));
        assertThat(r.get("pipelines")).extracting(JsonNode::asText).containsExactly("api");
        JsonNode sweep = r.get("sweeps").get(0);
        assertThat(sweep.get("trigger").asText()).isEqualTo("UPLOAD");
        Map<String, String> after = state();
        // maxRuns 3: r-0042 arrived, so r-0039 (now rank 3) expires; r-0038 too (rank 4, and old).
        assertThat(after.keySet()).noneMatch(k -> k.startsWith("ci/api/r-0039/") || k.startsWith("ci/api/r-0038/"));
        assertThat(after).containsKeys("ci/api/r-0040/app.jar", "ci/api/r-0041/app.jar", "ci/api/r-0042/app.jar");
        assertThat(after).as("other pipelines wait for the schedule").containsKey("ci/other/o1/app.jar");
        assertThat(handlerOps).filteredOn(op -> op.equals("s3:ListObjectsV2")).hasSize(1);
    }

    @Test
    void bothRecordsOfAnS3NotificationCountAndKeysAreDecoded() throws IOException {
        seedApi();
        run("api", "r-0043", 0, false);
        run("web", "nightly 7", 0, true);
        JsonNode r = invoke(new UploadHandler(runtime()), event("upload-s3-notification-two-records.json"));
        assertThat(r.get("uploads").asInt()).isEqualTo(2);
        assertThat(r.get("pipelines")).extracting(JsonNode::asText).containsExactly("web", "api");
        assertThat(state().keySet()).noneMatch(k -> k.startsWith("ci/api/r-0039/"));
    }

    @Test
    void anIgnorableUploadDoesNothingAtAll() throws IOException {
        seedApi();
        JsonNode r = invoke(new UploadHandler(runtime()), event("upload-ignorable.json"));
        assertThat(r.get("ignored").asInt()).isEqualTo(1);
        assertThat(r.get("sweeps")).isEmpty();
        assertThat(handlerOps).isEmpty();
        assertThat(auditItems()).isZero();
    }

    @Test
    void aDuplicatedEventDoesNothingTwice() throws IOException {
        seedApi();
        run("api", "r-0042", 0, true);
        invoke(new UploadHandler(runtime()), event("upload-eventbridge-success-marker.json"));
        Map<String, String> after = state();
        JsonNode again = invoke(new UploadHandler(runtime()), event("upload-eventbridge-success-marker.json"));
        // The same delivery again (EventBridge at-least-once): remembered, so not even a listing.
        assertThat(again.get("duplicates")).extracting(JsonNode::asText)
                .containsExactly("eb:17793124-05d4-b198-2fde-7ededc63b103");
        assertThat(again.get("sweeps")).isEmpty();
        assertThat(handlerOps).noneMatch(op -> op.startsWith("s3:"));
        // Another delivery for the same run (a new id): it sweeps, and finds nothing left to do.
        String other = new String(event("upload-eventbridge-success-marker.json"), StandardCharsets.UTF_8)
                .replace("17793124-05d4-b198-2fde-7ededc63b103", "99993124-05d4-b198-2fde-7ededc63b103");
        JsonNode fresh = invoke(new UploadHandler(runtime()), other.getBytes(StandardCharsets.UTF_8));
        assertThat(fresh.get("sweeps").get(0).get("actions")).isEmpty();
        assertThat(handlerOps).noneMatch(op -> op.equals("s3:CopyObject") || op.equals("s3:DeleteObjects"));
        assertThat(state()).isEqualTo(after);
    }

    @Test
    void aScheduledEventDeliveredTwiceSweepsOnce() throws IOException {
        seedApi();
        JsonNode first = invoke(new SweepHandler(runtime()), event("schedule.json"));
        assertThat(first.get("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode second = invoke(new SweepHandler(runtime()), event("schedule.json"));
        assertThat(second.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(second.get("handledBy").asText()).isEqualTo(first.get("sweepId").asText());
        assertThat(handlerOps).noneMatch(op -> op.startsWith("s3:"));
    }

    @Test
    void malformedEventsGetErrorsNamingTheField() {
        String noKey = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"my-artifacts\"},\"object\":{}}}]}";
        assertThatThrownBy(() -> invoke(new UploadHandler(runtime()), noKey.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Records[0].s3.object.key");
        assertThatThrownBy(() -> invoke(new UploadHandler(runtime()),
                "{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"detail\":{\"bucket\":{\"name\":\"b\"}}}"
                        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("detail.object.key");
        assertThatThrownBy(() -> invoke(new UploadHandler(runtime()), "{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("neither an S3 notification");
        assertThatThrownBy(() -> invoke(new SweepHandler(runtime()), "{\"dryrun\":false}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("payload field \"dryrun\" is unknown");
        assertThatThrownBy(() -> invoke(new SweepHandler(runtime()), "{\"dryRun\":\"no\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("\"dryRun\" must be true or false, got \"no\"");
        assertThatThrownBy(() -> invoke(new SweepHandler(runtime()),
                "{\"dryRun\":false,\"asOf\":\"2030-01-01\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("\"asOf\" is only allowed in a dry run");
        assertThatThrownBy(() -> invoke(new SweepHandler(runtime()), "{not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("the event is not JSON");
        assertThat(auditItems()).isZero();
    }

    @Test
    void missingConfigurationIsReportedAllAtOnceAtInit() {
        assertThatThrownBy(() -> new SweepHandler(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ARTIFACT_BUCKET is not set")
                .hasMessageContaining("AUDIT_TABLE is not set")
                .hasMessageContaining("no policy is configured");
        Map<String, String> both = env();
        both.put("POLICY_S3_URI", "s3://x/y.yaml");
        both.put("SWEEP_CONCURRENCY", "0");
        assertThatThrownBy(() -> new UploadHandler(both))
                .hasMessageContaining("the policy is configured twice (POLICY and POLICY_S3_URI)")
                .hasMessageContaining("SWEEP_CONCURRENCY=0");
        Map<String, String> otherPrefix = env();
        otherPrefix.put("ARTIFACT_PREFIX", "builds/");
        assertThatThrownBy(() -> new DryRunHandler(otherPrefix)).hasMessageContaining("differs from ARTIFACT_PREFIX");
    }

    @Test
    void aPolicyInS3IsReadAtEachInvocation() throws IOException {
        seedApi();
        s3.putObject(r -> r.bucket(BUCKET).key("config/policy.yaml"), RequestBody.fromString(POLICY));
        Map<String, String> env = env();
        env.remove("POLICY");
        env.put("POLICY_S3_URI", "s3://" + BUCKET + "/config/policy.yaml");
        FunctionRuntime rt = new FunctionRuntime(FunctionConfig.from(env), s3, ddb, Clock.systemUTC());
        JsonNode r = invoke(new DryRunHandler(rt), event("manual-dry-run.json"));
        assertThat(r.get("actions")).isNotEmpty();
        s3.putObject(p -> p.bucket(BUCKET).key("config/policy.yaml"), RequestBody.fromString("version: 9"));
        assertThatThrownBy(() -> invoke(new DryRunHandler(rt), event("manual-dry-run.json")))
                .hasMessageContaining("POLICY_S3_URI=s3://my-artifacts/config/policy.yaml");
        assertThat(Set.copyOf(handlerOps)).contains("s3:GetObject");
    }
}
