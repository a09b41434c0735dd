package dev.artifactlifecycle.aws;

import static dev.artifactlifecycle.aws.Attributes.n;
import static dev.artifactlifecycle.aws.Attributes.s;

import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.plan.ActionType;
import dev.artifactlifecycle.core.plan.PlannedAction;
import dev.artifactlifecycle.core.sweep.ActionResult;
import dev.artifactlifecycle.core.sweep.AuditLog;
import dev.artifactlifecycle.core.sweep.Outcome;
import dev.artifactlifecycle.core.sweep.PendingAction;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The audit table. Its schema is a contract other tools read (see the README): one item per performed action under
 * {@code RUN#<bucket>#<run prefix>} / {@code ACTION#<sweepId>#<key>}, one summary per sweep under
 * {@code SWEEP#<sweepId>} / {@code SUMMARY}, and a {@code bySweep} index. Items are keyed by sweep and object, so a
 * retried write overwrites the same item and never duplicates it.
 */
public final class DynamoDbAuditLog implements AuditLog {
    public static final String INDEX_BY_SWEEP = "bySweep";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
    /** BatchWriteItem's limit. */
    static final int MAX_BATCH = 25;
    /** DynamoDB's limit on a sort key's size. */
    static final int MAX_SORT_KEY_BYTES = 1024;
    private static final int MAX_UNPROCESSED_ROUNDS = 10;
    private static final int WRITERS = 4;

    private final DynamoDbClient ddb;
    private final String table;
    private final Duration retention;

    public DynamoDbAuditLog(DynamoDbClient ddb, String table, Duration retention) {
        this.ddb = Objects.requireNonNull(ddb, "ddb");
        this.table = Objects.requireNonNull(table, "table");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("audit retention must be positive, got " + retention);
        }
    }

    public String table() {
        return table;
    }

    public static String runPk(String bucket, String runPrefix) {
        return "RUN#" + bucket + "#" + runPrefix;
    }

    /** Long keys would push the sort key past DynamoDB's 1,024 bytes: those use the key's SHA-256 instead. */
    /** A noncurrent version's item: its key and version id, apart from any item of the current object. */
    public static String actionSk(String sweepId, String key, String versionId) {
        return actionSk(sweepId, versionId == null ? key : key + "?versionId=" + versionId);
    }

    public static String actionSk(String sweepId, String key) {
        String sk = "ACTION#" + sweepId + "#" + key;
        if (sk.getBytes(StandardCharsets.UTF_8).length <= MAX_SORT_KEY_BYTES) {
            return sk;
        }
        return "ACTION#" + sweepId + "#sha256:" + sha256(key);
    }

    @Override
    public void recordIntents(String sweepId, String bucket, List<PlannedAction> actions) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(actions.size());
        Instant at = Instant.now();
        for (PlannedAction a : actions) {
            items.add(actionItem(sweepId, bucket, new ActionResult(a, Outcome.PENDING, null, at)));
        }
        writeAll(items);
    }

    @Override
    public void recordActions(String sweepId, String bucket, List<ActionResult> results) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (ActionResult r : results) {
            if (r.outcome() != Outcome.PLANNED) {
                items.add(actionItem(sweepId, bucket, r));
            }
        }
        writeAll(items);
    }

    @Override
    public List<PendingAction> pendingActions(String sweepId) {
        List<PendingAction> out = new ArrayList<>();
        QueryRequest q = QueryRequest.builder().tableName(table).indexName(INDEX_BY_SWEEP)
                .keyConditionExpression("sweepId = :s AND begins_with(sk, :a)")
                .filterExpression("#o = :p")
                .expressionAttributeNames(Map.of("#o", "outcome"))
                .expressionAttributeValues(Map.of(":s", s(sweepId), ":a", s("ACTION#"), ":p",
                        s(Outcome.PENDING.name())))
                .build();
        for (Map<String, AttributeValue> item : ddb.queryPaginator(q).items()) {
            String bucket = item.get("bucket").s();
            String runPrefix = item.get("pk").s().substring(runPk(bucket, "").length());
            AttributeValue to = item.get("toStorageClass");
            AttributeValue version = item.get("versionId");
            out.add(new PendingAction(bucket, item.get("key").s(), runPrefix,
                    ActionType.valueOf(item.get("action").s()),
                    to == null ? null : StorageClass.valueOf(to.s()), version == null ? null : version.s()));
        }
        return out;
    }

    @Override
    public void resolve(String sweepId, PendingAction action, Outcome outcome, String note, Instant at) {
        try {
            ddb.updateItem(r -> r.tableName(table)
                    .key(Map.of("pk", s(runPk(action.bucket(), action.runPrefix())),
                            "sk", s(actionSk(sweepId, action.key(), action.versionId()))))
                    .updateExpression("SET #o = :o, reconciled = :n, reconciledAt = :at")
                    .conditionExpression("#o = :p")
                    .expressionAttributeNames(Map.of("#o", "outcome"))
                    .expressionAttributeValues(Map.of(":o", s(outcome.name()), ":n", s(note), ":at",
                            s(at.toString()), ":p", s(Outcome.PENDING.name()))));
        } catch (ConditionalCheckFailedException e) {
            // Settled meanwhile (the stalled sweep wrote its outcome, or another sweep reconciled it): keep that.
        }
    }

    private void writeAll(List<Map<String, AttributeValue>> items) {
        List<List<Map<String, AttributeValue>>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += MAX_BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + MAX_BATCH)));
        }
        if (batches.size() <= 1) {
            batches.forEach(this::write);
            return;
        }
        // A few batches in flight: sequential writes of thousands of items would add seconds to every large sweep.
        ExecutorService writers = Executors.newFixedThreadPool(Math.min(WRITERS, batches.size()), r -> {
            Thread t = new Thread(r, "audit-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Map<String, AttributeValue>> b : batches) {
                futures.add(writers.submit(() -> write(b)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing audit items", e);
        } finally {
            writers.shutdownNow();
        }
    }

    private Map<String, AttributeValue> actionItem(String sweepId, String bucket, ActionResult r) {
        PlannedAction a = r.action();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(runPk(bucket, a.runPrefix())));
        item.put("sk", s(actionSk(sweepId, a.key(), a.object().versionId())));
        if (a.object().versionId() != null) {
            item.put("versionId", s(a.object().versionId()));
        }
        if (r.deleteMarkerVersionId() != null) {
            item.put("deleteMarkerVersionId", s(r.deleteMarkerVersionId()));
        }
        item.put("sweepId", s(sweepId));
        item.put("bucket", s(bucket));
        item.put("key", s(a.key()));
        item.put("pipeline", s(a.pipeline()));
        item.put("runId", s(a.runId()));
        item.put("action", s(a.type().name()));
        item.put("fromStorageClass", s(a.object().storageClass()));
        if (a.type() == ActionType.TRANSITION) {
            item.put("toStorageClass", s(a.toStorageClass().name()));
        }
        item.put("sizeBytes", n(a.object().sizeBytes()));
        item.put("rule", s(a.rule()));
        item.put("reason", s(a.reason()));
        item.put("outcome", s(r.outcome().name()));
        if (r.error() != null) {
            item.put("error", s(r.error()));
        }
        item.put("at", s(r.at().toString()));
        item.put("expiresAt", n(expiresAt(r.at())));
        return item;
    }

    @Override
    public void recordSummary(SweepReport report) {
        SweepSummary s = report.summary();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("SWEEP#" + report.sweepId()));
        item.put("sk", s("SUMMARY"));
        item.put("sweepId", s(report.sweepId()));
        item.put("trigger", s(report.trigger().name()));
        item.put("mode", s(report.mode().name()));
        item.put("bucket", s(report.bucket()));
        item.put("prefix", s(report.prefix()));
        item.put("asOf", s(report.asOf().toString()));
        item.put("startedAt", s(report.startedAt().toString()));
        item.put("finishedAt", s(report.finishedAt().toString()));
        item.put("status", s(report.status().name()));
        item.put("pipelines", n(s.pipelines()));
        item.put("runs", n(s.runs()));
        item.put("objects", n(s.objects()));
        item.put("transitions", n(s.transitions()));
        item.put("deletes", n(s.deletes()));
        item.put("failed", n(s.failed()));
        item.put("transitionBytes", n(s.transitionBytes()));
        item.put("deleteBytes", n(s.deleteBytes()));
        item.put("orphans", n(s.orphans()));
        item.put("policySha256", s(report.policySha256()));
        item.put("force", AttributeValue.fromBool(report.force()));
        if (report.error() != null) {
            item.put("error", s(report.error()));
        }
        item.put("expiresAt", n(expiresAt(report.finishedAt())));
        ddb.putItem(r -> r.tableName(table).item(item));
    }

    /** Writes ≤ 25 items, retrying what DynamoDB leaves unprocessed with growing pauses. */
    private void write(List<Map<String, AttributeValue>> items) {
        List<WriteRequest> pending = items.stream()
                .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_UNPROCESSED_ROUNDS) {
                throw new IllegalStateException(pending.size() + " audit items stayed unprocessed after "
                        + MAX_UNPROCESSED_ROUNDS + " rounds of BatchWriteItem on " + table);
            }
            if (round > 0) {
                sleep(Math.min(2000L, 50L << round));
            }
            List<WriteRequest> batch = pending;
            BatchWriteItemResponse resp = ddb.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
            pending = resp.unprocessedItems().getOrDefault(table, List.of());
        }
    }

    private long expiresAt(Instant at) {
        return at.plus(retention).getEpochSecond();
    }

    /**
     * Confirms the table exists with the audit key schema, before a sweep changes anything.
     *
     * @throws InvalidInputException naming the table and what is wrong
     */
    public void requireTable() {
        TableDescription t;
        try {
            t = ddb.describeTable(r -> r.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            throw new InvalidInputException("audit table " + table + " does not exist; create it (see the README's"
                    + " audit schema, or deploy template.yaml), pass another --audit-table, or use --no-audit");
        } catch (AwsServiceException e) {
            throw new InvalidInputException("cannot use audit table " + table + ": " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw new InvalidInputException("cannot reach DynamoDB to check audit table " + table + ": "
                    + e.getMessage() + "; check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_DYNAMODB and the network", e);
        }
        String hash = null;
        String range = null;
        for (KeySchemaElement k : t.keySchema()) {
            if (k.keyType() == KeyType.HASH) {
                hash = k.attributeName();
            } else {
                range = k.attributeName();
            }
        }
        if (!"pk".equals(hash) || !"sk".equals(range)) {
            throw new InvalidInputException("table " + table + " has key (" + hash + ", " + range + "), not the audit"
                    + " key (pk, sk); point --audit-table at the artifact-lifecycle audit table");
        }
    }

    /** Creates the audit table (on-demand, {@code bySweep} index, TTL on {@code expiresAt}); for local use and tests. */
    public static void createTable(DynamoDbClient ddb, String table) {
        ddb.createTable(r -> r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("sk"), attr("sweepId"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName(INDEX_BY_SWEEP)
                        .keySchema(key("sweepId", KeyType.HASH), key("sk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        ddb.waiter().waitUntilTableExists(r -> r.tableName(table));
        ddb.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying audit writes", e);
        }
    }
}
