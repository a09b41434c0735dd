package dev.artifactlifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bad-input corpus: invalid policies (generated field by field, and hand-written), flags and environment
 * settings, each run as {@code sweep --apply} against the emulators. Every case must exit 2, name the problem, and
 * leave the bucket and the audit table exactly as they were. The README reports the count.
 */
class BadInputCorpusIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Values no numeric field accepts. */
    static final List<JsonNode> NOT_A_COUNT = List.of(F.numberNode(-1), F.numberNode(1.5), F.textNode("ten"),
            F.booleanNode(true), F.arrayNode().add(1), F.objectNode().put("a", 1), F.numberNode(99_999_999_999L));
    static final List<JsonNode> NOT_A_CLASS = List.of(F.textNode("STANDARD"), F.textNode("REDUCED_REDUNDANCY"),
            F.textNode("GLACIERR"), F.textNode(""), F.numberNode(5), F.booleanNode(true));

    @TempDir
    static Path dir;
    static LocalAws aws;
    static S3Client s3;
    static DynamoDbClient ddb;
    static String bucket;
    static String table;
    static Map<String, String> bucketBefore;

    record Case(String name, Path policy, List<String> flags, Map<String, String> env, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void bucketTableAndRuns() {
        aws = LocalAws.shared();
        s3 = aws.s3Client();
        ddb = aws.dynamoDbClient();
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_KEY);
        String id = UUID.randomUUID().toString().substring(0, 8);
        bucket = "corpus-" + id;
        table = "audit-" + id;
        s3.createBucket(r -> r.bucket(bucket));
        DynamoDbAuditLog.createTable(ddb, table);
        for (int i = 0; i < 6; i++) {
            String prefix = "ci/api/r" + i + "/";
            Instant created = Instant.now().minus(Duration.ofDays(i * 200L));
            s3.putObject(r -> r.bucket(bucket).key(prefix + "metadata.json"), RequestBody.fromString(
                    "{\"created_at\":\"" + created + "\",\"status\":\"success\"}"));
            s3.putObject(r -> r.bucket(bucket).key(prefix + "app.jar"), RequestBody.fromBytes(new byte[200 * 1024]));
        }
        bucketBefore = bucketState();
    }

    @AfterAll
    static void close() {
        s3.close();
        ddb.close();
    }

    static Map<String, String> bucketState() {
        Map<String, String> m = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            m.put(o.key(), o.storageClassAsString() + " " + o.eTag());
        }
        return m;
    }

    /** A valid policy, which each case breaks in one place. */
    static ObjectNode base() {
        ObjectNode p = F.objectNode();
        p.put("version", 1);
        p.putObject("layout").put("prefix", "ci/");
        p.putObject("defaults").put("inProgressGraceDays", 2);
        p.putObject("safety").put("dryRunOnly", false);
        p.putObject("protect").putArray("keys").add("**/notes.md");
        ObjectNode rule = p.putArray("rules").addObject();
        rule.put("name", "api");
        rule.put("keepLastRuns", 2);
        rule.putObject("failedRuns").put("keepLastRuns", 1);
        return p;
    }

    static ObjectNode rule(ObjectNode p) {
        return (ObjectNode) p.get("rules").get(0);
    }

    static int counter;

    static Path write(String text, String ext) {
        try {
            Path f = dir.resolve("case-" + (counter++) + ext);
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Case policy(String name, Consumer<ObjectNode> breakIt, String expected) {
        ObjectNode p = base();
        breakIt.accept(p);
        return new Case("policy: " + name, write(p.toString(), ".json"), List.of(), Map.of(), expected);
    }

    static Case yaml(String name, String text, String expected) {
        return new Case("policy: " + name, write(text, ".yaml"), List.of(), Map.of(), expected);
    }

    static Case flags(String name, List<String> flags, String expected) {
        return new Case("flags: " + name, null, flags, Map.of(), expected);
    }

    static Case env(String name, Map<String, String> env, String expected) {
        return new Case("env: " + name, null, List.of(), env, expected);
    }

    static Stream<Case> corpus() {
        List<Case> c = new ArrayList<>();
        // Generated: every numeric field, for successful and failed runs, with every kind of wrong value.
        for (String field : List.of("keepLastRuns", "archiveAfterDays", "longTermAfterDays", "expireAfterDays",
                "maxRuns")) {
            for (JsonNode v : NOT_A_COUNT) {
                c.add(policy("rules[0]." + field + " = " + v, p -> rule(p).set(field, v), "rules[0]." + field));
                c.add(policy("failedRuns." + field + " = " + v, p -> ((ObjectNode) rule(p).get("failedRuns"))
                        .set(field, v), "rules[0].failedRuns." + field));
            }
        }
        for (String field : List.of("minTransitionSizeBytes", "inProgressGraceDays")) {
            // minTransitionSizeBytes is a byte count: 99,999,999,999 is a valid one.
            for (JsonNode v : NOT_A_COUNT.subList(0, field.equals("minTransitionSizeBytes") ? 6 : 7)) {
                c.add(policy("defaults." + field + " = " + v, p -> ((ObjectNode) p.get("defaults")).set(field, v),
                        "defaults." + field));
            }
        }
        for (JsonNode v : NOT_A_COUNT) {
            c.add(policy("safety.maxDeletesPerSweep = " + v, p -> ((ObjectNode) p.get("safety"))
                    .set("maxDeletesPerSweep", v), "safety.maxDeletesPerSweep"));
        }
        for (JsonNode v : List.of(F.numberNode(0), F.numberNode(-0.5), F.numberNode(1.5), F.textNode("half"),
                F.booleanNode(true), F.arrayNode(), F.objectNode(), F.nullNode())) {
            c.add(policy("safety.maxDeleteFraction = " + v, p -> ((ObjectNode) p.get("safety"))
                    .set("maxDeleteFraction", v), "safety.maxDeleteFraction"));
        }
        for (JsonNode v : List.of(F.textNode("yes"), F.numberNode(1), F.arrayNode(), F.objectNode())) {
            c.add(policy("safety.dryRunOnly = " + v, p -> ((ObjectNode) p.get("safety")).set("dryRunOnly", v),
                    "safety.dryRunOnly"));
            c.add(policy("layout.allowRootPrefix = " + v, p -> ((ObjectNode) p.get("layout"))
                    .set("allowRootPrefix", v), "layout.allowRootPrefix"));
            c.add(policy("rules[0].allowExpiringEveryRun = " + v, p -> rule(p).set("allowExpiringEveryRun", v),
                    "rules[0].allowExpiringEveryRun"));
        }
        // Every storage class field with every kind of wrong class.
        for (String tier : List.of("archive", "longTerm")) {
            for (JsonNode v : NOT_A_CLASS) {
                int days = tier.equals("archive") ? 30 : 200;
                c.add(policy("rules[0]." + tier + "StorageClass = " + v, p -> rule(p).put(tier + "AfterDays", days)
                        .set(tier + "StorageClass", v), "rules[0]." + tier + "StorageClass"));
                c.add(policy("failedRuns." + tier + "StorageClass = " + v, p -> ((ObjectNode) rule(p)
                        .get("failedRuns")).put(tier + "AfterDays", days).set(tier + "StorageClass", v),
                        "rules[0].failedRuns." + tier + "StorageClass"));
            }
        }
        // Unknown fields at every level, a typo (with its suggestion) and a stranger.
        Map<String, Consumer<ObjectNode>> levels = new TreeMap<>();
        List<String[]> typos = List.of(new String[] {"", "verison"}, new String[] {"layout.", "prefx"},
                new String[] {"defaults.", "inProgressGrace"}, new String[] {"safety.", "maxDeletes"},
                new String[] {"rules[0].", "keepLast"}, new String[] {"rules[0].failedRuns.", "expireAfter"},
                new String[] {"protect.", "key"});
        for (String[] t : typos) {
            for (String field : List.of(t[1], "zzz")) {
                c.add(policy("unknown field " + t[0] + field, p -> node(p, t[0]).put(field, 1), t[0] + field));
            }
        }
        // Containers of the wrong type.
        for (String section : List.of("layout", "defaults", "safety", "protect", "rules")) {
            for (JsonNode v : List.of(F.textNode("x"), F.numberNode(5), section.equals("rules") ? F.objectNode()
                    : F.arrayNode())) {
                c.add(policy(section + " = " + v, p -> p.set(section, v), section));
            }
        }
        for (JsonNode v : List.of(F.textNode("x"), F.arrayNode().add(1), F.numberNode(5))) {
            c.add(policy("rules[0].failedRuns = " + v, p -> rule(p).set("failedRuns", v), "rules[0].failedRuns"));
            c.add(policy("rules[0] = " + v, p -> ((ArrayNode) p.get("rules")).set(0, v), "rules[0]"));
        }
        // Prefixes and patterns.
        for (String prefix : List.of("", "/", "/ci/", "ci//x/")) {
            c.add(policy("layout.prefix = '" + prefix + "'", p -> ((ObjectNode) p.get("layout")).put("prefix", prefix),
                    "layout.prefix"));
        }
        c.add(policy("layout.prefix missing", p -> ((ObjectNode) p.get("layout")).remove("prefix"), "layout.prefix"));
        c.add(policy("layout.prefix = 5", p -> ((ObjectNode) p.get("layout")).put("prefix", 5), "layout.prefix"));
        for (String pattern : List.of("{pipeline}", "{run}", "{run}/{pipeline}", "{pipeline}/{run", "",
                "{pipeline}/{bogus}/{run}/{run}")) {
            c.add(policy("layout.pattern = '" + pattern + "'", p -> ((ObjectNode) p.get("layout"))
                    .put("pattern", pattern), "layout.pattern"));
        }
        // Globs.
        for (String glob : List.of("[api", "{a,b", "a[", "[]")) {
            c.add(policy("rules[0].pipelines = [" + glob + "]", p -> rule(p).putArray("pipelines").add(glob),
                    "rules[0].pipelines[0]"));
            c.add(policy("protect.keys = [" + glob + "]", p -> ((ObjectNode) p.get("protect")).putArray("keys")
                    .add(glob), "protect.keys[0]"));
        }
        c.add(policy("rules[0].pipelines = 'x'", p -> rule(p).put("pipelines", "x"), "rules[0].pipelines"));
        c.add(policy("rules[0].pipelines = [5]", p -> rule(p).putArray("pipelines").add(5), "rules[0].pipelines[0]"));
        // Tier order, names, strategies, versions.
        c.add(policy("archive after long-term", p -> rule(p).put("archiveAfterDays", 200)
                .put("archiveStorageClass", "STANDARD_IA").put("longTermAfterDays", 100)
                .put("longTermStorageClass", "GLACIER"), "rules[0]"));
        c.add(policy("expire before long-term", p -> rule(p).put("longTermAfterDays", 200)
                .put("longTermStorageClass", "GLACIER").put("expireAfterDays", 100), "rules[0].expireAfterDays"));
        c.add(policy("long-term not colder", p -> rule(p).put("archiveAfterDays", 30)
                .put("archiveStorageClass", "GLACIER_IR").put("longTermAfterDays", 200)
                .put("longTermStorageClass", "STANDARD_IA"), "rules[0].longTermStorageClass"));
        c.add(policy("copy out of GLACIER", p -> rule(p).put("archiveAfterDays", 30)
                .put("archiveStorageClass", "GLACIER").put("longTermAfterDays", 200)
                .put("longTermStorageClass", "DEEP_ARCHIVE"), "rules[0]"));
        c.add(policy("days without class", p -> rule(p).put("archiveAfterDays", 30).putNull("archiveStorageClass")
                .put("strategy", "aggressive"), "rules[0].archive"));
        c.add(policy("maxRuns below keepLastRuns", p -> rule(p).put("maxRuns", 1).put("keepLastRuns", 3),
                "rules[0].maxRuns"));
        c.add(policy("keepLastRuns 0 with expiry", p -> rule(p).put("keepLastRuns", 0), "allowExpiringEveryRun"));
        c.add(policy("rule name missing", p -> rule(p).remove("name"), "rules[0].name"));
        c.add(policy("rule name empty", p -> rule(p).put("name", " "), "rules[0].name"));
        c.add(policy("rule name 5", p -> rule(p).put("name", 5), "rules[0].name"));
        c.add(policy("duplicate rule names", p -> ((ArrayNode) p.get("rules")).addObject().put("name", "api"),
                "rules[1].name"));
        c.add(policy("strategy fast", p -> rule(p).put("strategy", "fast"), "rules[0].strategy"));
        c.add(policy("strategy 5", p -> rule(p).put("strategy", 5), "rules[0].strategy"));
        c.add(policy("rules empty", p -> p.putArray("rules"), "rules"));
        c.add(policy("rules missing", p -> p.remove("rules"), "rules"));
        c.add(policy("layout missing", p -> p.remove("layout"), "layout"));
        for (JsonNode v : List.of(F.numberNode(2), F.textNode("1"), F.numberNode(1.5), F.nullNode())) {
            c.add(policy("version = " + v, p -> p.set("version", v), "version"));
        }
        c.add(policy("version missing", p -> p.remove("version"), "version"));
        c.add(policy("runIdTimestamp without group", p -> ((ObjectNode) p.get("layout")).putObject("runIdTimestamp")
                .put("regex", "\\d{8}").put("format", "yyyyMMdd"), "layout.runIdTimestamp"));
        c.add(policy("runIdTimestamp bad regex", p -> ((ObjectNode) p.get("layout")).putObject("runIdTimestamp")
                .put("regex", "(").put("format", "yyyyMMdd"), "layout.runIdTimestamp"));
        c.add(policy("runIdTimestamp bad format", p -> ((ObjectNode) p.get("layout")).putObject("runIdTimestamp")
                .put("regex", "(\\d{8})").put("format", "qqqq-bogus-{"), "layout.runIdTimestamp"));
        c.add(policy("runIdTimestamp no format", p -> ((ObjectNode) p.get("layout")).putObject("runIdTimestamp")
                .put("regex", "(\\d{8})"), "layout.runIdTimestamp"));
        c.add(policy("two markers alike", p -> ((ObjectNode) p.get("layout")).put("successMarker", "_DONE")
                .put("failureMarker", "_DONE"), "layout."));
        // Hand-written documents.
        c.add(yaml("empty document", "", "the policy is empty"));
        c.add(yaml("a list", "- 1\n- 2\n", "must be an object"));
        c.add(yaml("broken YAML", "version: 1\nlayout: [\n", "case-"));
        c.add(yaml("broken JSON", "{\"version\": 1,", "case-"));
        c.add(yaml("duplicate keys", "version: 1\nversion: 1\nlayout:\n  prefix: ci/\nrules:\n  - name: a\n",
                "version"));
        c.add(yaml("tabs for indentation", "version: 1\nlayout:\n\tprefix: ci/\n", "case-"));
        // Flags.
        c.add(flags("--force without --apply", List.of("--dry-run", "--force"), "--force only matters with --apply"));
        c.add(flags("--audit-retention-days 0", List.of("--audit-retention-days", "0"), "--audit-retention-days 0"));
        c.add(flags("--audit-retention-days x", List.of("--audit-retention-days", "x"), "--audit-retention-days"));
        c.add(flags("--concurrency 257", List.of("--concurrency", "257"), "--concurrency 257"));
        c.add(flags("--concurrency -1", List.of("--concurrency", "-1"), "--concurrency -1"));
        c.add(flags("--concurrency many", List.of("--concurrency", "many"), "--concurrency"));
        c.add(flags("--format yaml", List.of("--format", "yaml"), "--format yaml"));
        c.add(flags("--as-of with apply", List.of("--as-of", "2030-01-01"), "--as-of 2030-01-01"));
        c.add(flags("--as-of 2030-13-45", List.of("--as-of", "2030-13-45"), "--as-of 2030-13-45"));
        c.add(flags("--pipeline '{a'", List.of("--pipeline", "{a"), "--pipeline {a"));
        c.add(flags("--bucket empty", List.of("--bucket", " "), "--bucket"));
        c.add(flags("--bucket missing", List.of("--bucket", "no-such-corpus-bucket"), "no-such-corpus-bucket"));
        c.add(flags("--audit-table missing", List.of("--audit-table", "no-such-corpus-table"),
                "no-such-corpus-table"));
        c.add(flags("--policy missing", List.of("--policy", "no/such/policy.yaml"), "no/such/policy.yaml"));
        c.add(flags("unknown flag", List.of("--forse"), "--forse"));
        c.add(flags("--resume not a sweep id", List.of("--resume", "yesterday"), "--resume yesterday is not a sweep id"));
        c.add(flags("--resume with --pipeline", List.of("--resume", "20261101T000000Z-0000abcd", "--pipeline", "a"),
                "drop --dry-run, --as-of, --pipeline and --force"));
        c.add(flags("--resume with --no-audit", List.of("--resume", "20261101T000000Z-0000abcd", "--no-audit"),
                "--resume reads the sweep's checkpoint from the audit table"));
        c.add(flags("--resume of an unknown sweep", List.of("--resume", "20261101T000000Z-0000abcd"),
                "there is no checkpoint for sweep 20261101T000000Z-0000abcd"));
        // Environment.
        for (String v : List.of("maybe", "1", "yes", "on")) {
            c.add(env("ARTIFACT_LIFECYCLE_DRY_RUN_ONLY=" + v, Map.of("ARTIFACT_LIFECYCLE_DRY_RUN_ONLY", v),
                    "ARTIFACT_LIFECYCLE_DRY_RUN_ONLY"));
        }
        c.add(env("ARTIFACT_LIFECYCLE_HTTP_CLIENT=netty", Map.of("ARTIFACT_LIFECYCLE_HTTP_CLIENT", "netty"),
                "ARTIFACT_LIFECYCLE_HTTP_CLIENT"));
        c.add(env("AWS_ENDPOINT_URL_DYNAMODB=localhost", Map.of("AWS_ENDPOINT_URL_DYNAMODB", "localhost"),
                "AWS_ENDPOINT_URL_DYNAMODB"));
        c.add(env("AWS_ENDPOINT_URL_S3=ftp://x", Map.of("AWS_ENDPOINT_URL_S3", "ftp://x"), "AWS_ENDPOINT_URL_S3"));
        c.add(env("AWS_ENDPOINT_URL_S3 unreachable", Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9"),
                "cannot reach S3"));
        c.add(env("AWS_ENDPOINT_URL_DYNAMODB unreachable", Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9"),
                "DynamoDB"));
        return c.stream();
    }

    static ObjectNode node(ObjectNode p, String path) {
        JsonNode n = p;
        for (String part : path.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            n = part.equals("rules[0]") ? n.get("rules").get(0) : n.get(part);
        }
        return (ObjectNode) n;
    }

    @Test
    void theCorpusHasAtLeastTwoHundredCases() {
        long n = corpus().count();
        System.out.println("bad-input corpus: " + n + " cases");
        assertThat(n).isGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void exitsTwoNamesTheProblemAndChangesNothing(Case c) throws IOException {
        Path policy = c.policy();
        if (policy == null) {
            policy = write("version: 1\nlayout:\n  prefix: ci/\nrules:\n  - name: api\n    keepLastRuns: 1\n", ".yaml");
        }
        List<String> args = new ArrayList<>(List.of("sweep", "--apply"));
        if (!c.flags().contains("--bucket")) {
            args.addAll(List.of("--bucket", bucket));
        }
        if (!c.flags().contains("--policy")) {
            args.addAll(List.of("--policy", policy.toString()));
        }
        args.addAll(c.flags().stream().filter(f -> !f.equals("--dry-run") || !args.remove("--apply")).toList());
        Map<String, String> env = new HashMap<>(aws.environment());
        env.put("AUDIT_TABLE", table);
        env.putAll(c.env());
        int auditBefore = ddb.scan(s -> s.tableName(table)).count();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(c.name() + ": " + stderr + out).isEqualTo(2);
        assertThat(stderr).as(c.name()).contains(c.expected());
        assertThat(bucketState()).isEqualTo(bucketBefore);
        assertThat(ddb.scan(s -> s.tableName(table)).count()).isEqualTo(auditBefore);
    }
}
