package dev.artifactlifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.LeaseStore;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.ObjectOutcome;
import dev.artifactlifecycle.core.sweep.ObjectStore;
import dev.artifactlifecycle.core.sweep.Outcome;
import dev.artifactlifecycle.core.sweep.ReadOnlyObjectStore;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.SweepStatus;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The whole sweep through real S3 and DynamoDB wire protocols. Subclasses pick the emulator; every test gets a fresh
 * bucket and audit table.
 */
abstract class SweepContractIT {
    static final long KIB = 1024;
    static final Instant NOW = Instant.now();

    final RequestLog log = new RequestLog();
    final DeleteErrorInjector injector = new DeleteErrorInjector();
    S3Client s3;
    DynamoDbClient ddb;
    String bucket;
    String table;

    abstract AwsTarget target();

    @BeforeEach
    void freshBucketAndTable() {
        AwsTarget t = target();
        s3 = t.s3(log, injector);
        ddb = t.dynamoDb();
        String id = UUID.randomUUID().toString().substring(0, 8);
        bucket = "it-" + id;
        table = "audit-" + id;
        s3.createBucket(r -> r.bucket(bucket));
        DynamoDbAuditLog.createTable(ddb, table);
        log.clear();
    }

    @AfterEach
    void closeClients() {
        s3.close();
        ddb.close();
    }

    static Policy policy(String rules) {
        String yaml = "version: 1\nlayout:\n  prefix: ci/\nprotect:\n  keys: [\"**/keep-me.txt\"]\nrules:\n" + rules;
        return PolicyLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "it.yaml");
    }

    SweepReport sweep(Mode mode, Policy policy) {
        return sweep(mode, policy, false);
    }

    SweepReport sweep(Mode mode, Policy policy, boolean force) {
        ObjectStore store = mode == Mode.APPLY ? new S3ObjectStore(s3) : new ObjectStore() {
            @Override
            public ObjectOutcome transition(String b, StoredObject o, StorageClass t) {
                throw new AssertionError("a dry run transitioned " + o.key());
            }

            @Override
            public List<ObjectOutcome> delete(String b, List<StoredObject> batch) {
                throw new AssertionError("a dry run deleted " + batch.size() + " objects");
            }
        };
        SweepService service = new SweepService(new S3ObjectSource(s3), store,
                new DynamoDbAuditLog(ddb, table, Duration.ofDays(400)), new DynamoDbLeaseStore(ddb, table),
                Clock.systemUTC());
        Instant at = Instant.now();
        return service.sweep(new SweepRequest(SweepId.of(at, new Random()), bucket, policy, mode, Trigger.CLI, at,
                List.of(), 8, null, Integer.MAX_VALUE, force));
    }

    /** @param tagging "k=v&k2=v2" (values unencoded); set with PutObjectTagging, whose XML body every emulator reads alike */
    void put(String key, long size, Map<String, String> metadata, String contentType, String tagging,
            StorageClass cls) {
        byte[] body = new byte[(int) size];
        new Random(key.hashCode()).nextBytes(body);
        s3.putObject(r -> {
            r.bucket(bucket).key(key).metadata(metadata).contentType(contentType);
            if (cls != StorageClass.STANDARD) {
                r.storageClass(cls.name());
            }
        }, RequestBody.fromBytes(body));
        if (tagging != null) {
            List<Tag> tags = new ArrayList<>();
            for (String kv : tagging.split("&")) {
                String[] p = kv.split("=", 2);
                tags.add(Tag.builder().key(p[0]).value(p[1]).build());
            }
            s3.putObjectTagging(t -> t.bucket(bucket).key(key).tagging(g -> g.tagSet(tags)));
        }
    }

    void manifest(String runPrefix, int ageDays, String status) {
        String json = "{\"created_at\":\"" + NOW.minus(Duration.ofDays(ageDays)) + "\",\"status\":\"" + status + "\"}";
        s3.putObject(r -> r.bucket(bucket).key(runPrefix + "metadata.json").contentType("application/json"),
                RequestBody.fromString(json));
    }

    Map<String, String> classes() {
        Map<String, String> m = new HashMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            m.put(o.key(), o.storageClassAsString() == null ? "STANDARD" : o.storageClassAsString());
        }
        return m;
    }

    List<Map<String, AttributeValue>> auditItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        ddb.scanPaginator(r -> r.tableName(table)).items().forEach(items::add);
        return items;
    }

    @Test
    void aLargeExpiryPaginatesTheListingBatchesDeletesAndKeepsPerKeyErrors() throws Exception {
        // 6 runs of 220 data files + a manifest = 1,326 keys: two ListObjectsV2 pages at least.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> puts = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            String run = "ci/bulk/r" + r + "/";
            manifest(run, r == 0 ? 1 : 400 + r, "succeeded");
            for (int i = 0; i < 220; i++) {
                String key = run + "part-" + i;
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"))));
            }
        }
        for (Future<?> f : puts) {
            f.get();
        }
        pool.shutdown();
        log.clear();
        Policy keepNewest = policy("  - name: bulk\n    keepLastRuns: 1\n    expireAfterDays: 365\n");

        SweepReport dry = sweep(Mode.DRY_RUN, keepNewest);
        assertThat(dry.summary().objects()).isEqualTo(1326);
        assertThat(log.count("ListObjectsV2")).isGreaterThanOrEqualTo(2);
        assertThat(dry.summary().deletes()).isEqualTo(1105);
        assertThat(dry.findings()).anySatisfy(f -> assertThat(f.message()).contains("would be aborted")
                .contains("deletes 1,105 of the 1,326 objects listed"));

        log.clear();
        SweepReport aborted = sweep(Mode.APPLY, keepNewest);
        assertThat(aborted.status()).isEqualTo(SweepStatus.ABORTED);
        assertThat(log.mutating()).isEmpty();

        injector.denied.add("ci/bulk/r3/part-7");
        log.clear();
        SweepReport applied = sweep(Mode.APPLY, keepNewest, true);
        assertThat(log.deleteBatchSizes).allMatch(n -> n <= 1000);
        assertThat(log.deleteBatchSizes).containsExactlyInAnyOrder(1000, 100, 4);
        assertThat(applied.status()).isEqualTo(SweepStatus.PARTIAL);
        assertThat(applied.actions()).filteredOn(a -> a.outcome() == Outcome.FAILED)
                .extracting(a -> a.action().key())
                .containsExactlyInAnyOrder("ci/bulk/r3/part-7", "ci/bulk/r3/metadata.json");
        assertThat(applied.actions()).filteredOn(a -> a.action().key().equals("ci/bulk/r3/part-7")).singleElement()
                .satisfies(a -> assertThat(a.error()).startsWith("AccessDenied"));
        Map<String, String> left = classes();
        assertThat(left).containsKey("ci/bulk/r3/metadata.json");
        assertThat(left.keySet().stream().filter(k -> k.startsWith("ci/bulk/r0/"))).hasSize(221);
        assertThat(auditItems()).filteredOn(i -> i.containsKey("outcome") && i.get("outcome").s().equals("FAILED"))
                .hasSize(2);
    }

    @Test
    void transitionsKeepMetadataContentTypeAndTagsOnKeysWithSpacesUnicodeAndPlus() {
        String run = "ci/web app/r 1/";
        List<String> keys = List.of(run + "dist/app +v1.jar", run + "ünïcödé/δ.bin", run + "100%/x y.bin");
        for (String k : keys) {
            put(k, 200 * KIB, Map.of("git-sha", "abc123"), "application/x-test", "team=web&cost=ci builds",
                    StorageClass.STANDARD);
        }
        manifest(run, 40, "success");
        put(run + "keep-me.txt", 200 * KIB, Map.of(), "text/plain", null, StorageClass.STANDARD);

        SweepReport r = sweep(Mode.APPLY, policy("""
                  - name: web
                    keepLastRuns: 0
                    expireAfterDays: null
                    archiveAfterDays: 30
                    archiveStorageClass: STANDARD_IA
                """));
        assertThat(r.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(r.actions()).extracting(a -> a.action().key()).containsExactlyInAnyOrderElementsOf(keys);
        for (String k : keys) {
            HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(k));
            assertThat(head.storageClassAsString()).as(k).isEqualTo("STANDARD_IA");
            assertThat(head.metadata()).as(k).containsEntry("git-sha", "abc123");
            assertThat(head.contentType()).as(k).isEqualTo("application/x-test");
            assertThat(s3.getObjectTagging(t -> t.bucket(bucket).key(k)).tagSet())
                    .extracting(Tag::key, Tag::value)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("team", "web"),
                            org.assertj.core.groups.Tuple.tuple("cost", "ci builds"));
        }
        assertThat(classes().get(run + "keep-me.txt")).as("protected").isEqualTo("STANDARD");
        assertThat(auditItems()).extracting(i -> i.getOrDefault("key", AttributeValue.fromS("-")).s())
                .containsAll(keys);
    }

    @Test
    void hostileKeysAreGroupedTransitionedExpiredAndAuditedCorrectly() {
        // A 1,024-byte key (S3's maximum), "//" and ".." segments, and run ids that are prefixes of one another.
        String longRun = "ci/odd/r-long/";
        String longKey = longRun + "x".repeat(1024 - longRun.length());
        List<String> oldKeys = new ArrayList<>(List.of(longKey, "ci/odd/r-long/../escape.bin",
                "ci/odd/r-long/%2F encoded+plus.bin"));
        boolean emptySegments = target().acceptsEmptyKeySegments();
        if (emptySegments) {
            oldKeys.add("ci/odd/r-long/a//b.bin");
        } else {
            System.err.println("NOTE " + target().name() + " refuses keys with \"//\" (HTTP 400); those keys are"
                    + " exercised on moto only");
        }
        for (String k : oldKeys) {
            put(k, 200 * KIB, Map.of(), "application/octet-stream", null, StorageClass.STANDARD);
        }
        manifest(longRun, 50, "success");
        put("ci/odd/r/app.bin", 200 * KIB, Map.of(), "application/octet-stream", null, StorageClass.STANDARD);
        manifest("ci/odd/r/", 500, "success");
        put("ci/odd/r-/app.bin", 200 * KIB, Map.of(), "application/octet-stream", null, StorageClass.STANDARD);
        manifest("ci/odd/r-/", 1, "success");
        if (emptySegments) {
            put("ci/odd//orphan.bin", 10, Map.of(), "application/octet-stream", null, StorageClass.STANDARD);
        }

        SweepReport r = sweep(Mode.APPLY, policy("  - name: odd\n    keepLastRuns: 1\n"));

        assertThat(r.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(r.summary().runs()).as("r-, r-long and r are three runs").isEqualTo(3);
        if (emptySegments) {
            assertThat(r.findings()).anySatisfy(f -> assertThat(f.subject()).isEqualTo("ci/odd//orphan.bin"));
            assertThat(classes()).as("an orphan is never touched").containsKey("ci/odd//orphan.bin");
        }
        Map<String, String> after = classes();
        for (String k : oldKeys) {
            assertThat(after).as(k).containsEntry(k, "STANDARD_IA");
        }
        assertThat(after).as("the expired run is gone, prefix siblings are not").doesNotContainKey("ci/odd/r/app.bin")
                .containsEntry("ci/odd/r-/app.bin", "STANDARD");
        List<String> audited = auditItems().stream().filter(i -> i.containsKey("key")).map(i -> i.get("key").s())
                .toList();
        assertThat(audited).containsAll(oldKeys).contains("ci/odd/r/app.bin", "ci/odd/r/metadata.json");
        assertThat(auditItems()).filteredOn(i -> i.containsKey("key") && i.get("key").s().equals(longKey))
                .singleElement().satisfies(i -> assertThat(i.get("sk").s()).contains("#sha256:"));
    }

    @Test
    void theStoreItselfRefusesAWarmerOrSameClassSoNoCallerCanMoveAnObjectWarmer() {
        String key = "ci/api/r1/app.jar";
        put(key, 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.GLACIER_IR);
        S3Object listed = s3.listObjectsV2(l -> l.bucket(bucket).prefix(key)).contents().get(0);
        StoredObject o = new StoredObject(key, listed.size(), listed.storageClassAsString(), listed.lastModified(),
                listed.eTag());
        S3ObjectStore store = new S3ObjectStore(s3);
        for (StorageClass warmerOrSame : List.of(StorageClass.STANDARD_IA, StorageClass.GLACIER_IR)) {
            ObjectOutcome outcome = store.transition(bucket, o, warmerOrSame);
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.errorCode()).isEqualTo("NotColder");
        }
        assertThat(log.count("CopyObject")).isZero();
        assertThat(classes()).containsEntry(key, "GLACIER_IR");
    }

    @Test
    void aMultipartCopyAboveTheThresholdKeepsDataMetadataAndTags() throws Exception {
        String key = "ci/big/r1/huge.bin";
        put(key, 12 * KIB * KIB, Map.of("owner", "data"), "application/octet-stream", "k=v", StorageClass.STANDARD);
        byte[] before = md5(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray());
        S3Object listed = s3.listObjectsV2(l -> l.bucket(bucket).prefix(key)).contents().get(0);
        S3ObjectStore store = new S3ObjectStore(s3, 5 * KIB * KIB, 5 * KIB * KIB);
        StoredObject o = new StoredObject(key, listed.size(), listed.storageClassAsString(), listed.lastModified(),
                listed.eTag());

        ObjectOutcome outcome = store.transition(bucket, o, StorageClass.GLACIER_IR);

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(log.count("UploadPartCopy")).isEqualTo(3);
        assertThat(log.count("CopyObject")).isZero();
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
        assertThat(head.storageClassAsString()).isEqualTo("GLACIER_IR");
        assertThat(head.metadata()).containsEntry("owner", "data");
        assertThat(s3.getObjectTagging(t -> t.bucket(bucket).key(key)).tagSet()).extracting(Tag::key)
                .containsExactly("k");
        assertThat(md5(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray())).isEqualTo(before);
    }

    @Test
    void objectsInGlacierAreNeverCopiedEvenWhereTheEmulatorWouldAllowIt() {
        String run = "ci/cold/r1/";
        put(run + "frozen.bin", 200 * KIB, Map.of(), "application/octet-stream", null, StorageClass.GLACIER);
        put(run + "ir.bin", 200 * KIB, Map.of(), "application/octet-stream", null, StorageClass.GLACIER_IR);
        manifest(run, 200, "success");
        SweepReport r = sweep(Mode.APPLY, policy("""
                  - name: cold
                    keepLastRuns: 0
                    expireAfterDays: null
                    archiveAfterDays: 30
                    archiveStorageClass: GLACIER_IR
                    longTermAfterDays: 120
                    longTermStorageClass: DEEP_ARCHIVE
                """));
        assertThat(r.actions()).extracting(a -> a.action().key()).containsExactly(run + "ir.bin");
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(FindingType.REQUIRES_RESTORE);
            assertThat(f.subject()).isEqualTo(run + "frozen.bin");
        });
        assertThat(classes()).containsEntry(run + "frozen.bin", "GLACIER").containsEntry(run + "ir.bin",
                "DEEP_ARCHIVE");
    }

    @Test
    void auditItemsFollowTheDocumentedSchema() {
        put("ci/api/old/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/old/", 50, "succeeded");
        put("ci/api/ancient/app.jar", 10, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/ancient/", 500, "succeeded");
        SweepReport r = sweep(Mode.APPLY, policy("  - name: api\n    keepLastRuns: 0\n    allowExpiringEveryRun: true\n"));
        String id = r.sweepId();

        List<Map<String, AttributeValue>> items = auditItems();
        assertThat(items).hasSize(4); // one transition, two deletes (jar + manifest), one summary
        Map<String, AttributeValue> t = items.stream().filter(i -> i.get("sk").s().endsWith("ci/api/old/app.jar"))
                .findFirst().orElseThrow();
        assertThat(t.keySet()).containsExactlyInAnyOrder("pk", "sk", "sweepId", "bucket", "key", "pipeline", "runId",
                "action", "fromStorageClass", "toStorageClass", "sizeBytes", "rule", "reason", "outcome", "at",
                "expiresAt");
        assertThat(t.get("pk").s()).isEqualTo("RUN#" + bucket + "#ci/api/old/");
        assertThat(t.get("sk").s()).isEqualTo("ACTION#" + id + "#ci/api/old/app.jar");
        assertThat(t.get("sweepId").s()).isEqualTo(id);
        assertThat(t.get("pipeline").s()).isEqualTo("api");
        assertThat(t.get("runId").s()).isEqualTo("old");
        assertThat(t.get("action").s()).isEqualTo("TRANSITION");
        assertThat(t.get("fromStorageClass").s()).isEqualTo("STANDARD");
        assertThat(t.get("toStorageClass").s()).isEqualTo("STANDARD_IA");
        assertThat(t.get("sizeBytes").n()).isEqualTo(Long.toString(200 * KIB));
        assertThat(t.get("rule").s()).isEqualTo("api");
        assertThat(t.get("reason").s()).contains("rank 0 >= keepLastRuns 0", "age 50.0 d >= archiveAfterDays 30");
        assertThat(t.get("outcome").s()).isEqualTo("DONE");
        Instant at = Instant.parse(t.get("at").s());
        assertThat(Long.parseLong(t.get("expiresAt").n())).isEqualTo(at.plus(Duration.ofDays(400)).getEpochSecond());

        Map<String, AttributeValue> d = items.stream().filter(i -> i.get("sk").s().endsWith("ci/api/ancient/app.jar"))
                .findFirst().orElseThrow();
        assertThat(d.get("action").s()).isEqualTo("DELETE");
        assertThat(d).doesNotContainKey("toStorageClass").doesNotContainKey("error");

        Map<String, AttributeValue> s = items.stream().filter(i -> i.get("sk").s().equals("SUMMARY")).findFirst()
                .orElseThrow();
        assertThat(s.get("pk").s()).isEqualTo("SWEEP#" + id);
        assertThat(s.keySet()).containsAll(Set.of("sweepId", "trigger", "mode", "bucket", "prefix", "asOf",
                "startedAt", "finishedAt", "status", "runs", "objects", "transitions", "deletes", "failed",
                "transitionBytes", "deleteBytes", "policySha256", "expiresAt"));
        assertThat(s.get("trigger").s()).isEqualTo("CLI");
        assertThat(s.get("mode").s()).isEqualTo("APPLY");
        assertThat(s.get("status").s()).isEqualTo("SUCCEEDED");
        assertThat(s.get("transitions").n()).isEqualTo("1");
        assertThat(s.get("deletes").n()).isEqualTo("2");
        assertThat(s.get("policySha256").s()).hasSize(64);

        var bySweep = ddb.query(q -> q.tableName(table).indexName(DynamoDbAuditLog.INDEX_BY_SWEEP)
                .keyConditionExpression("sweepId = :s").expressionAttributeValues(Map.of(":s",
                        AttributeValue.fromS(id)))).items();
        assertThat(bySweep).hasSize(4);
    }

    /** Dies at the {@code n}th mutating call, and every call after it, as a killed process would. */
    static ObjectStore dyingAt(ObjectStore real, int n) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        return new ObjectStore() {
            @Override
            public ObjectOutcome transition(String b, StoredObject o, StorageClass t) {
                if (calls.incrementAndGet() >= n) {
                    throw new Killed();
                }
                return real.transition(b, o, t);
            }

            @Override
            public List<ObjectOutcome> delete(String b, List<StoredObject> batch) {
                if (calls.incrementAndGet() >= n) {
                    throw new Killed();
                }
                return real.delete(b, batch);
            }
        };
    }

    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed");
        }
    }

    /** A killed process never releases its leases. */
    static LeaseStore neverReleasing(LeaseStore real) {
        return new LeaseStore() {
            @Override
            public Acquisition acquire(String b, String scope, String owner, Instant now, Duration ttl) {
                return real.acquire(b, scope, owner, now, ttl);
            }

            @Override
            public boolean renew(String b, String scope, String owner, Instant now, Duration ttl) {
                return real.renew(b, scope, owner, now, ttl);
            }

            @Override
            public void release(String b, String scope, String owner) {}

            @Override
            public List<Lease> abandoned(String b, Instant now) {
                return real.abandoned(b, now);
            }

            @Override
            public void clear(Lease abandoned) {
                real.clear(abandoned);
            }
        };
    }

    /** Time passes: every lease in the table runs out. */
    void expireLeases() {
        for (Map<String, AttributeValue> i : auditItems()) {
            if (i.get("pk").s().startsWith("LEASE#")) {
                ddb.updateItem(u -> u.tableName(table).key(Map.of("pk", i.get("pk"), "sk", i.get("sk")))
                        .updateExpression("SET untilMs = :z").expressionAttributeValues(Map.of(":z",
                                AttributeValue.fromN("0"))));
            }
        }
    }

    @Test
    void aSweepKilledMidWayIsReconciledThroughTheAuditTableAndEndsWithOneDoneItemPerMutation() {
        for (String run : List.of("r1", "r2", "r3", "r4")) {
            put("ci/api/" + run + "/app.jar", 200 * KIB, Map.of(), "application/java-archive", null,
                    StorageClass.STANDARD);
            put("ci/api/" + run + "/lib.jar", 200 * KIB, Map.of(), "application/java-archive", null,
                    StorageClass.STANDARD);
        }
        manifest("ci/api/r1/", 1, "succeeded");
        manifest("ci/api/r2/", 40, "succeeded");
        manifest("ci/api/r3/", 50, "succeeded");
        manifest("ci/api/r4/", 900, "succeeded");
        Policy p = policy("  - name: api\n    keepLastRuns: 1\n    expireAfterDays: 365\n");
        DynamoDbAuditLog audit = new DynamoDbAuditLog(ddb, table, Duration.ofDays(400));
        DynamoDbLeaseStore leases = new DynamoDbLeaseStore(ddb, table);

        SweepService dying = new SweepService(new S3ObjectSource(s3), dyingAt(new S3ObjectStore(s3), 3), audit,
                neverReleasing(leases), Clock.systemUTC());
        Instant at = Instant.now();
        SweepReport killed = dying.sweep(new SweepRequest(SweepId.of(at, new Random()), bucket, p, Mode.APPLY,
                Trigger.CLI, at, List.of(), 1, null));
        assertThat(killed.status()).isEqualTo(SweepStatus.FAILED);
        assertThat(audit.pendingActions(killed.sweepId())).isNotEmpty();

        assertThat(sweep(Mode.APPLY, p).status()).as("the dead sweep's lease still holds")
                .isEqualTo(SweepStatus.SKIPPED);
        expireLeases();
        SweepReport rerun = sweep(Mode.APPLY, p);
        assertThat(rerun.status()).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(rerun.findings()).anySatisfy(f -> assertThat(f.type()).isEqualTo(FindingType.RECONCILED));

        assertThat(classes()).containsOnlyKeys("ci/api/r1/app.jar", "ci/api/r1/lib.jar", "ci/api/r1/metadata.json",
                "ci/api/r2/app.jar", "ci/api/r2/lib.jar", "ci/api/r2/metadata.json", "ci/api/r3/app.jar",
                "ci/api/r3/lib.jar", "ci/api/r3/metadata.json");
        assertThat(classes()).containsEntry("ci/api/r2/app.jar", "STANDARD_IA")
                .containsEntry("ci/api/r3/lib.jar", "STANDARD_IA");
        List<Map<String, AttributeValue>> items = auditItems();
        assertThat(items).noneMatch(i -> i.containsKey("outcome") && i.get("outcome").s().equals("PENDING"));
        assertThat(items).noneMatch(i -> i.get("pk").s().startsWith("LEASE#"));
        Map<String, Integer> done = new HashMap<>();
        for (Map<String, AttributeValue> i : items) {
            if (i.containsKey("outcome") && i.get("outcome").s().equals("DONE")) {
                done.merge(i.get("key").s(), 1, Integer::sum);
            }
        }
        // 4 transitions (r2, r3) and 3 deletes (r4), each DONE exactly once across the two sweeps.
        assertThat(done).hasSize(7).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
    }

    @Test
    void aSweepOverAScopeAnotherSweepHoldsIsSkippedAndChangesNothing() {
        put("ci/api/gone/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/gone/", 900, "succeeded");
        manifest("ci/api/new/", 1, "succeeded");
        DynamoDbLeaseStore leases = new DynamoDbLeaseStore(ddb, table);
        Instant now = Instant.now();
        assertThat(leases.acquire(bucket, "ci/", "20261101T000000Z-aaaaaaaa", now, Duration.ofMinutes(5)).acquired())
                .isTrue();
        log.clear();
        SweepReport r = sweep(Mode.APPLY, policy("  - name: api\n    keepLastRuns: 1\n    expireAfterDays: 365\n"));
        assertThat(r.status()).isEqualTo(SweepStatus.SKIPPED);
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).contains("20261101T000000Z-aaaaaaaa"));
        assertThat(log.mutating()).isEmpty();
        LeaseStore.Acquisition second = leases.acquire(bucket, "ci/", "20261101T000000Z-bbbbbbbb", now,
                Duration.ofMinutes(5));
        assertThat(second.acquired()).isFalse();
        assertThat(second.holder().owner()).isEqualTo("20261101T000000Z-aaaaaaaa");
        assertThat(leases.renew(bucket, "ci/", "20261101T000000Z-bbbbbbbb", now, Duration.ofMinutes(5))).isFalse();
        LeaseStore.Acquisition later = leases.acquire(bucket, "ci/", "20261101T000000Z-bbbbbbbb",
                now.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5));
        assertThat(later.acquired()).isTrue();
        assertThat(later.abandoned().owner()).isEqualTo("20261101T000000Z-aaaaaaaa");
    }

    @Test
    void inAVersionedBucketDeletesAreRecoverableAndNoncurrentVersionsGoAfterTheirDays() {
        String why = "skipped on " + target().name() + ": its delete markers reuse the previous version's id, so"
                + " version-precise deletes cannot be checked there; this test runs on moto";
        if (!target().versionsLikeS3()) {
            System.err.println(why);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(target().versionsLikeS3(), why);
        s3.putBucketVersioning(v -> v.bucket(bucket).versioningConfiguration(c -> c.status("Enabled")));
        put("ci/api/new/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        put("ci/api/new/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/new/", 1, "succeeded");
        put("ci/api/old/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/old/", 900, "succeeded");
        // A pinned run with an overwritten file: its old version stays, like everything of a pinned run.
        put("ci/api/pinned/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        put("ci/api/pinned/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        s3.putObject(r -> r.bucket(bucket).key("ci/api/pinned/metadata.json"), RequestBody.fromString(
                "{\"created_at\":\"" + NOW.minus(Duration.ofDays(950)) + "\",\"status\":\"succeeded\","
                        + "\"retain\":true}"));
        String rules = "  - name: api\n    keepLastRuns: 1\n    expireAfterDays: 365\n";
        Policy p = PolicyLoader.parse(("version: 1\nlayout:\n  prefix: ci/\nsafety:\n  maxDeleteFraction: 1\n"
                + "noncurrentVersions:\n  expireAfterDays: 30\nrules:\n" + rules).getBytes(StandardCharsets.UTF_8),
                "it.yaml");

        SweepReport applied = sweep(Mode.APPLY, p);
        assertThat(applied.status()).as(String.valueOf(applied.error())).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(applied.findings()).anySatisfy(f -> assertThat(f.message()).contains("is versioned (ENABLED)")
                .contains("aws s3api delete-object --bucket " + bucket + " --key KEY --version-id"));
        var jarDelete = applied.actions().stream().filter(a -> a.action().key().equals("ci/api/old/app.jar"))
                .findFirst().orElseThrow();
        assertThat(jarDelete.deleteMarkerVersionId()).isNotBlank();
        assertThat(classes()).doesNotContainKey("ci/api/old/app.jar");
        assertThat(auditItems()).anySatisfy(i -> assertThat(i.get("deleteMarkerVersionId").s())
                .isEqualTo(jarDelete.deleteMarkerVersionId()));

        // Recoverable, as the report says: deleting the marker brings the object back.
        s3.deleteObject(d -> d.bucket(bucket).key("ci/api/old/app.jar").versionId(jarDelete.deleteMarkerVersionId()));
        assertThat(classes()).containsKey("ci/api/old/app.jar");
        s3.deleteObject(d -> d.bucket(bucket).key("ci/api/old/app.jar"));

        // A dry run forecasting 40 days ahead shows the version deletes and sends no mutating request.
        Instant forecast = Instant.now().plus(Duration.ofDays(40));
        log.clear();
        SweepReport preview = new SweepService(new S3ObjectSource(s3), ReadOnlyObjectStore.INSTANCE,
                new DynamoDbAuditLog(ddb, table, Duration.ofDays(400)), Clock.systemUTC())
                .sweep(new SweepRequest(SweepId.of(Instant.now(), new Random()), bucket, p, Mode.DRY_RUN, Trigger.CLI,
                        forecast, List.of(), 8, null));
        assertThat(preview.actions()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.action().type().name()).isEqualTo("DELETE_VERSION");
            assertThat(a.outcome()).isEqualTo(Outcome.PLANNED);
            assertThat(a.action().key()).doesNotStartWith("ci/api/pinned/");
        });
        assertThat(log.mutating()).isEmpty();

        // 40 days later (the sweep's clock moves; emulators cannot back-date objects), noncurrent versions older
        // than 30 days go: the expired run's versions and markers, and new/app.jar's overwritten version.
        SweepService later = new SweepService(new S3ObjectSource(s3), new S3ObjectStore(s3),
                new DynamoDbAuditLog(ddb, table, Duration.ofDays(400)), new DynamoDbLeaseStore(ddb, table),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(40)));
        Instant at = Instant.now().plus(Duration.ofDays(40));
        SweepReport cleaned = later.sweep(new SweepRequest(SweepId.of(at, new Random()), bucket, p, Mode.APPLY,
                Trigger.CLI, at, List.of(), 8, null));
        assertThat(cleaned.status()).as(String.valueOf(cleaned.error())).isEqualTo(SweepStatus.SUCCEEDED);
        assertThat(cleaned.actions()).allSatisfy(a -> assertThat(a.action().type().name()).isEqualTo("DELETE_VERSION"));
        List<String> left = new ArrayList<>();
        s3.listObjectVersionsPaginator(r -> r.bucket(bucket)).forEach(page -> {
            page.versions().forEach(v -> left.add(v.key() + (Boolean.TRUE.equals(v.isLatest()) ? "" : " (old)")));
            page.deleteMarkers().forEach(m -> left.add(m.key() + " (marker)"));
        });
        assertThat(left).containsExactlyInAnyOrder("ci/api/new/app.jar", "ci/api/new/metadata.json",
                "ci/api/pinned/app.jar", "ci/api/pinned/app.jar (old)", "ci/api/pinned/metadata.json");
        assertThat(cleaned.actions()).as("a pinned run's versions are never touched")
                .noneMatch(a -> a.action().key().startsWith("ci/api/pinned/"));
        assertThat(auditItems()).filteredOn(i -> i.containsKey("versionId") && i.get("sweepId").s()
                .equals(cleaned.sweepId())).hasSize(cleaned.actions().size())
                .allSatisfy(i -> assertThat(i.get("outcome").s()).isEqualTo("DONE"));
    }

    @Test
    void aSecondApplyDoesNothing() {
        put("ci/api/old/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/old/", 200, "succeeded");
        put("ci/api/gone/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/gone/", 900, "succeeded");
        Policy p = policy("  - name: api\n    keepLastRuns: 0\n    allowExpiringEveryRun: true\n");
        SweepReport first = sweep(Mode.APPLY, p);
        assertThat(first.actions()).isNotEmpty();
        log.clear();
        SweepReport second = sweep(Mode.APPLY, p);
        assertThat(second.actions()).isEmpty();
        assertThat(log.mutating()).isEmpty();
        assertThat(auditItems()).filteredOn(i -> i.get("sweepId").s().equals(second.sweepId()))
                .singleElement().satisfies(i -> assertThat(i.get("sk").s()).isEqualTo("SUMMARY"));
    }

    @Test
    void aDryRunIssuesNoMutatingCallAndWritesOnlyItsSummary() {
        put("ci/api/old/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/old/", 200, "succeeded");
        put("ci/api/gone/app.jar", 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        manifest("ci/api/gone/", 900, "succeeded");
        Map<String, String> before = classes();
        log.clear();
        SweepReport r = sweep(Mode.DRY_RUN, policy("  - name: api\n    keepLastRuns: 0\n    allowExpiringEveryRun: true\n"));
        assertThat(r.actions()).hasSize(3);
        assertThat(log.operations).isNotEmpty();
        assertThat(log.mutating()).isEmpty();
        assertThat(classes()).isEqualTo(before);
        assertThat(auditItems()).singleElement().satisfies(i -> {
            assertThat(i.get("sk").s()).isEqualTo("SUMMARY");
            assertThat(i.get("mode").s()).isEqualTo("DRY_RUN");
        });
    }

    @Test
    void preflightNamesAMissingBucketAMissingTableAndAnUnreachableEndpoint() {
        assertThatThrownBy(() -> S3Preflight.requireBucket(s3, "no-such-bucket-" + bucket))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new DynamoDbAuditLog(ddb, "no-such-table", Duration.ofDays(1)).requireTable())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("audit table no-such-table does not exist");
        AwsEnvironment nowhere = AwsEnvironment.from(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9",
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x"));
        try (S3Client unreachable = AwsClients.s3(nowhere, 4)) {
            assertThatThrownBy(() -> S3Preflight.requireBucket(unreachable, bucket))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot reach S3 at http://127.0.0.1:9");
        }
    }

    static byte[] md5(byte[] b) throws Exception {
        return MessageDigest.getInstance("MD5").digest(b);
    }

}
