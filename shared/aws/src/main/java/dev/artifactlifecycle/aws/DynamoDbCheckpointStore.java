package dev.artifactlifecycle.aws;

import static dev.artifactlifecycle.aws.Attributes.n;
import static dev.artifactlifecycle.aws.Attributes.s;

import dev.artifactlifecycle.core.sweep.Checkpoint;
import dev.artifactlifecycle.core.sweep.CheckpointStore;
import dev.artifactlifecycle.core.sweep.SweepSummary;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Checkpoints in the audit table, beside the sweep's summary: {@code SWEEP#<sweepId>} / {@code CHECKPOINT}. */
public final class DynamoDbCheckpointStore implements CheckpointStore {
    /** A sweep is resumable for this long after its last checkpoint. */
    static final Duration KEEP = Duration.ofDays(30);

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoDbCheckpointStore(DynamoDbClient ddb, String table) {
        this.ddb = Objects.requireNonNull(ddb, "ddb");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public void save(Checkpoint c) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.sweepId()));
        item.put("sweepId", s(c.sweepId()));
        item.put("bucket", s(c.bucket()));
        item.put("prefix", s(c.prefix()));
        item.put("pipelines", AttributeValue.fromL(c.pipelines().stream().map(Attributes::s).toList()));
        item.put("trigger", s(c.trigger().name()));
        item.put("force", AttributeValue.fromBool(c.force()));
        item.put("policySha256", s(c.policySha256()));
        item.put("startedAt", s(c.startedAt().toString()));
        if (c.lastPipeline() != null) {
            item.put("lastPipeline", s(c.lastPipeline()));
        }
        item.put("deletesDone", n(c.deletesDone()));
        item.put("listed", n(c.listed()));
        SweepSummary d = c.done();
        item.put("donePipelines", n(d.pipelines()));
        item.put("doneRuns", n(d.runs()));
        item.put("doneObjects", n(d.objects()));
        item.put("doneBytes", n(d.bytes()));
        item.put("doneTransitions", n(d.transitions()));
        item.put("doneTransitionBytes", n(d.transitionBytes()));
        item.put("doneDeletes", n(d.deletes()));
        item.put("doneDeleteBytes", n(d.deleteBytes()));
        item.put("doneFailed", n(d.failed()));
        item.put("doneSkippedSmall", n(d.skippedSmall()));
        item.put("savedAt", s(Instant.now().toString()));
        item.put("expiresAt", n(Instant.now().plus(KEEP).getEpochSecond()));
        ddb.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<Checkpoint> load(String sweepId) {
        Map<String, AttributeValue> i = ddb.getItem(r -> r.tableName(table).consistentRead(true).key(key(sweepId)))
                .item();
        if (i == null || i.isEmpty()) {
            return Optional.empty();
        }
        List<String> pipelines = i.get("pipelines").l().stream().map(AttributeValue::s).toList();
        SweepSummary done = new SweepSummary(l(i, "donePipelines"), l(i, "doneRuns"), l(i, "doneObjects"),
                l(i, "doneBytes"), l(i, "doneTransitions"), l(i, "doneTransitionBytes"), l(i, "doneDeletes"),
                l(i, "doneDeleteBytes"), l(i, "doneFailed"), l(i, "doneSkippedSmall"), 0);
        AttributeValue last = i.get("lastPipeline");
        return Optional.of(new Checkpoint(sweepId, i.get("bucket").s(), i.get("prefix").s(), pipelines,
                Trigger.valueOf(i.get("trigger").s()), i.get("force").bool(), i.get("policySha256").s(),
                Instant.parse(i.get("startedAt").s()), last == null ? null : last.s(), l(i, "deletesDone"),
                l(i, "listed"), done));
    }

    @Override
    public void clear(String sweepId) {
        ddb.deleteItem(r -> r.tableName(table).key(key(sweepId)));
    }

    private static Map<String, AttributeValue> key(String sweepId) {
        return Map.of("pk", s("SWEEP#" + sweepId), "sk", s("CHECKPOINT"));
    }

    private static long l(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }
}
