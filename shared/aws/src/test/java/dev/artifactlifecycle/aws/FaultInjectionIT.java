package dev.artifactlifecycle.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.SweepStatus;
import dev.artifactlifecycle.core.sweep.Trigger;
import dev.artifactlifecycle.local.LocalAws;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Faults injected by a WireMock proxy between the product's own SDK clients (its retry strategy included) and the
 * emulators: S3 SlowDown bursts, connection resets, slow responses, 500s on DeleteObjects for chosen keys, DynamoDB
 * write failures. After each scenario and a clean re-run, the bucket is exactly as the policy says, nothing protected
 * was touched, no audit item is left PENDING and every mutation has exactly one DONE item.
 */
class FaultInjectionIT {
    static final Instant NOW = Instant.now();
    static final long KIB = 1024;
    static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message></Error>";
    static final Policy POLICY = PolicyLoader.parse(("""
            version: 1
            layout:
              prefix: ci/
            protect:
              keys: ["**/keep-me.txt"]
            safety:
              maxDeleteFraction: 1
            rules:
              - name: api
                keepLastRuns: 2
                archiveAfterDays: 30
                archiveStorageClass: STANDARD_IA
                longTermAfterDays: 120
                longTermStorageClass: GLACIER
                expireAfterDays: 365
            """).getBytes(StandardCharsets.UTF_8), "faults.yaml");

    static WireMockServer s3Proxy;
    static WireMockServer ddbProxy;
    /** Direct clients, to seed and inspect without faults. */
    static S3Client s3Direct;
    static DynamoDbClient ddbDirect;

    S3Client s3;
    PrefixRateLimiter limiter;
    DynamoDbClient ddb;
    String bucket;
    String table;
    Map<String, String> seeded;

    @BeforeAll
    static void startProxies() {
        s3Proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ddbProxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s3Proxy.start();
        ddbProxy.start();
        LocalAws aws = LocalAws.shared();
        s3Direct = aws.s3Client();
        ddbDirect = aws.dynamoDbClient();
    }

    @AfterAll
    static void stopProxies() {
        s3Proxy.stop();
        ddbProxy.stop();
        s3Direct.close();
        ddbDirect.close();
    }

    @BeforeEach
    void freshBucketTableAndClients() {
        s3Proxy.resetAll();
        ddbProxy.resetAll();
        s3Proxy.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse()
                .proxiedFrom(LocalAws.shared().s3Endpoint().toString())));
        ddbProxy.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse()
                .proxiedFrom(LocalAws.shared().dynamoDbEndpoint().toString())));
        String id = UUID.randomUUID().toString().substring(0, 8);
        bucket = "faults-" + id;
        table = "audit-" + id;
        s3Direct.createBucket(r -> r.bucket(bucket));
        DynamoDbAuditLog.createTable(ddbDirect, table);
        // The product's clients, as the CLI builds them, pointed at the proxies.
        Map<String, String> env = new HashMap<>(LocalAws.shared().environment());
        env.put("AWS_ENDPOINT_URL_S3", s3Proxy.baseUrl());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", ddbProxy.baseUrl());
        AwsEnvironment aws = AwsEnvironment.from(env);
        limiter = new PrefixRateLimiter();
        s3 = AwsClients.s3(aws, 8, limiter);
        ddb = AwsClients.dynamoDb(aws);
        seed();
        s3Proxy.resetRequests();
    }

    @AfterEach
    void close() {
        s3.close();
        ddb.close();
    }

    void putObject(String key, long size) {
        s3Direct.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(new byte[(int) size]));
    }

    void run(String id, int ageDays, String status, String extra) {
        String prefix = "ci/api/" + id + "/";
        s3Direct.putObject(r -> r.bucket(bucket).key(prefix + "metadata.json"), RequestBody.fromString(
                "{\"created_at\":\"" + NOW.minus(Duration.ofDays(ageDays)) + "\",\"status\":\"" + status + "\"" + extra
                        + "}"));
        putObject(prefix + "app.jar", 200 * KIB);
        putObject(prefix + "lib.jar", 200 * KIB);
    }

    void seed() {
        run("r1", 1, "succeeded", "");
        run("r2", 2, "succeeded", "");
        run("r3", 40, "succeeded", "");       // → STANDARD_IA
        run("r4", 200, "succeeded", "");      // → GLACIER
        run("r5", 400, "succeeded", "");      // expired
        run("r6", 500, "succeeded", ",\"retain\":true");  // pinned
        run("r7", 1, "running", "");          // in progress
        putObject("ci/api/r5/keep-me.txt", 200 * KIB);    // protected
        seeded = classes();
    }

    /** What the policy says the bucket must look like after a complete apply. */
    Map<String, String> expected() {
        Map<String, String> m = new TreeMap<>(seeded);
        for (String f : List.of("app.jar", "lib.jar")) {
            m.put("ci/api/r3/" + f, "STANDARD_IA");
            m.put("ci/api/r4/" + f, "GLACIER");
            m.remove("ci/api/r5/" + f);
        }
        m.remove("ci/api/r5/metadata.json");
        return m;
    }

    Map<String, String> classes() {
        Map<String, String> m = new TreeMap<>();
        for (S3Object o : s3Direct.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            m.put(o.key(), o.storageClassAsString() == null ? "STANDARD" : o.storageClassAsString());
        }
        return m;
    }

    SweepReport apply() {
        SweepService service = new SweepService(new S3ObjectSource(s3), new S3ObjectStore(s3, POLICY.layout()),
                new DynamoDbAuditLog(ddb, table, Duration.ofDays(400)), new DynamoDbLeaseStore(ddb, table),
                Clock.systemUTC());
        Instant at = Instant.now();
        return service.sweep(new SweepRequest(SweepId.of(at, new Random()), bucket, POLICY, Mode.APPLY, Trigger.CLI,
                at, List.of(), 8, null));
    }

    /** The re-run without faults converges, and the audit tells exactly what happened, once. */
    void assertConvergedAfterCleanRerun() {
        s3Proxy.resetMappings();
        ddbProxy.resetMappings();
        s3Proxy.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse()
                .proxiedFrom(LocalAws.shared().s3Endpoint().toString())));
        ddbProxy.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse()
                .proxiedFrom(LocalAws.shared().dynamoDbEndpoint().toString())));
        SweepReport rerun = apply();
        assertThat(rerun.status()).as(String.valueOf(rerun.error())).isEqualTo(SweepStatus.SUCCEEDED);
        assertConverged();
    }

    void assertConverged() {
        assertThat(classes()).isEqualTo(expected());
        Map<String, Integer> done = new TreeMap<>();
        for (Map<String, AttributeValue> i : ddbDirect.scanPaginator(r -> r.tableName(table)).items()) {
            AttributeValue outcome = i.get("outcome");
            if (outcome == null) {
                continue;
            }
            assertThat(outcome.s()).as("audit item " + i.get("sk").s()).isNotEqualTo("PENDING");
            if (outcome.s().equals("DONE")) {
                done.merge(i.get("key").s(), 1, Integer::sum);
            }
        }
        Map<String, String> exp = expected();
        for (String key : seeded.keySet()) {
            boolean changed = !seeded.get(key).equals(exp.get(key));
            assertThat(done.getOrDefault(key, 0)).as("DONE items for " + key).isEqualTo(changed ? 1 : 0);
        }
    }

    static String describe(SweepReport r) {
        return r.error() + " " + r.findings() + " " + r.actions().stream().filter(a -> a.error() != null)
                .map(a -> a.action().key() + ": " + a.error()).toList();
    }

    List<LoggedRequest> s3Requests(String method, String header) {
        return s3Proxy.findAll(RequestPatternBuilder.allRequests()).stream()
                .filter(r -> r.getMethod().getName().equals(method) && (header == null || r.containsHeader(header)))
                .toList();
    }

    /** The first {@code n} requests matching {@code match} get {@code fault}; the rest go through. */
    static void failFirst(WireMockServer proxy, int n, Supplier<MappingBuilder> match,
            ResponseDefinitionBuilder fault) {
        String scenario = UUID.randomUUID().toString();
        for (int i = 0; i < n; i++) {
            String from = i == 0 ? Scenario.STARTED : "failed-" + i;
            proxy.stubFor(match.get().inScenario(scenario).whenScenarioStateIs(from).willSetStateTo("failed-" + (i + 1))
                    .atPriority(1).willReturn(fault));
        }
    }

    static ResponseDefinitionBuilder slowDown() {
        return aResponse().withStatus(503).withHeader("Content-Type", "application/xml").withBody(SLOW_DOWN);
    }

    @Test
    void aBurstOfSlowDownOnCopiesIsRetriedAndTheSweepCompletes() {
        failFirst(s3Proxy, 5, () -> put(urlPathMatching("/.*")).withHeader("x-amz-copy-source", matching(".+")),
                slowDown());
        SweepReport r = apply();
        assertThat(r.status()).as(describe(r)).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(s3Requests("PUT", "x-amz-copy-source")).hasSizeGreaterThan(4 + 4);
        assertThat(limiter.rate("ci/api/")).as("the throttled prefix backed off").isLessThan(PrefixRateLimiter.MAX_RATE);
        assertThat(limiter.rate("ci/web/")).as("another prefix did not").isEqualTo(PrefixRateLimiter.MAX_RATE);
        assertConverged();
    }

    @Test
    void connectionResetsOnListingAreRetried() {
        failFirst(s3Proxy, 3, () -> get(urlPathMatching("/.*")).withQueryParam("list-type", equalTo("2")),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        SweepReport r = apply();
        assertThat(r.status()).as(describe(r)).isEqualTo(SweepStatus.SUCCEEDED);
        assertConverged();
    }

    @Test
    void responsesCutOffMidBodyAreRetried() {
        failFirst(s3Proxy, 2, () -> get(urlPathMatching("/.*/metadata.json")),
                aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        failFirst(s3Proxy, 2, () -> post(urlPathMatching("/.*")).withQueryParam("delete", matching(".*")),
                aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        SweepReport r = apply();
        assertThat(r.status()).as(describe(r)).isEqualTo(SweepStatus.SUCCEEDED);
        assertConverged();
    }

    @Test
    void slowResponsesOnlySlowTheSweepDown() {
        s3Proxy.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withFixedDelay(150)
                .proxiedFrom(LocalAws.shared().s3Endpoint().toString())));
        SweepReport r = apply();
        assertThat(r.status()).as(describe(r)).isEqualTo(SweepStatus.SUCCEEDED);
        assertConverged();
    }

    @Test
    void aDeleteObjectsThatKeepsFailingForChosenKeysFailsThoseActionsAndTheRerunFinishesTheJob() {
        s3Proxy.stubFor(post(urlPathMatching("/.*")).withQueryParam("delete", matching(".*"))
                .withRequestBody(containing("ci/api/r5/app.jar")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>InternalError</Code><Message>injected</Message></Error>")));
        SweepReport r = apply();
        assertThat(r.status()).isEqualTo(SweepStatus.PARTIAL);
        assertThat(r.summary().failed()).isGreaterThan(0);
        // The run's manifest is kept while its data could not be deleted: the next sweep sees it whole.
        assertThat(classes()).containsKey("ci/api/r5/metadata.json").containsKey("ci/api/r5/app.jar");
        assertThat(classes()).containsEntry("ci/api/r3/app.jar", "STANDARD_IA");
        assertConvergedAfterCleanRerun();
    }

    @Test
    void dynamoDbWriteFailuresAreRetried() {
        failFirst(ddbProxy, 3, () -> post(anyUrl()).withHeader("X-Amz-Target", containing("BatchWriteItem")),
                aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                                + "\"message\":\"injected\"}"));
        SweepReport r = apply();
        assertThat(r.status()).as(describe(r)).isEqualTo(SweepStatus.SUCCEEDED);
        assertConverged();
    }

    @Test
    void anAuditTableThatCannotBeWrittenStopsTheSweepBeforeAnyChange() {
        ddbProxy.stubFor(post(anyUrl()).withHeader("X-Amz-Target", containing("BatchWriteItem")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#AccessDeniedException\","
                                + "\"message\":\"injected: not authorized to perform dynamodb:BatchWriteItem\"}")));
        SweepReport r = apply();
        assertThat(r.status()).isEqualTo(SweepStatus.FAILED);
        assertThat(r.error()).contains("not authorized");
        assertThat(s3Requests("PUT", "x-amz-copy-source")).isEmpty();
        assertThat(s3Requests("POST", null)).isEmpty();
        assertThat(classes()).isEqualTo(seeded);
        assertConvergedAfterCleanRerun();
    }
}
