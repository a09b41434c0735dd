package dev.artifactlifecycle.aws;

import static dev.artifactlifecycle.aws.Attributes.n;
import static dev.artifactlifecycle.aws.Attributes.s;

import dev.artifactlifecycle.core.sweep.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Leases in the audit table, one partition per bucket ({@code LEASE#<bucket>}, sort key the scope), so a whole sweep
 * finds every abandoned lease of its bucket with one Query. Every write is conditional on the owner or on expiry.
 */
public final class DynamoDbLeaseStore implements LeaseStore {
    /** An abandoned lease outlives its expiry this long, so a later sweep can still reconcile what it left. */
    static final Duration KEEP_ABANDONED = Duration.ofDays(30);

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoDbLeaseStore(DynamoDbClient ddb, String table) {
        this.ddb = Objects.requireNonNull(ddb, "ddb");
        this.table = Objects.requireNonNull(table, "table");
    }

    static String pk(String bucket) {
        return "LEASE#" + bucket;
    }

    @Override
    public Acquisition acquire(String bucket, String scope, String owner, Instant now, Duration ttl) {
        Instant until = now.plus(ttl);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(pk(bucket)));
        item.put("sk", s(scope));
        item.put("owner", s(owner));
        item.put("until", s(until.toString()));
        item.put("untilMs", n(until.toEpochMilli()));
        item.put("expiresAt", n(until.plus(KEEP_ABANDONED).getEpochSecond()));
        try {
            PutItemResponse r = ddb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR untilMs < :now OR #owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":me", s(owner)))
                    .returnValues(ReturnValue.ALL_OLD));
            Lease old = r.hasAttributes() && !r.attributes().isEmpty() ? lease(bucket, r.attributes()) : null;
            Lease abandoned = old != null && !old.owner().equals(owner) ? old : null;
            return new Acquisition(true, new Lease(bucket, scope, owner, until), abandoned);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> held = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("pk", s(pk(bucket)), "sk", s(scope)))).item();
            if (held == null || held.isEmpty()) {
                return acquire(bucket, scope, owner, now, ttl); // released in between
            }
            return new Acquisition(false, lease(bucket, held), null);
        }
    }

    @Override
    public boolean renew(String bucket, String scope, String owner, Instant now, Duration ttl) {
        Instant until = now.plus(ttl);
        try {
            ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk(bucket)), "sk", s(scope)))
                    .updateExpression("SET #until = :u, untilMs = :ms, expiresAt = :x")
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#until", "until"))
                    .expressionAttributeValues(Map.of(":u", s(until.toString()), ":ms", n(until.toEpochMilli()),
                            ":x", n(until.plus(KEEP_ABANDONED).getEpochSecond()), ":me", s(owner))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void release(String bucket, String scope, String owner) {
        try {
            ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", s(pk(bucket)), "sk", s(scope)))
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":me", s(owner))));
        } catch (ConditionalCheckFailedException e) {
            // Not ours any more (we stalled past expiry and someone took over): theirs to release.
        }
    }

    @Override
    public List<Lease> abandoned(String bucket, Instant now) {
        List<Lease> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : ddb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk(bucket)))))
                .items()) {
            Lease l = lease(bucket, item);
            if (!l.until().isAfter(now)) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public void clear(Lease abandoned) {
        try {
            ddb.deleteItem(b -> b.tableName(table)
                    .key(Map.of("pk", s(pk(abandoned.bucket())), "sk", s(abandoned.scope())))
                    .conditionExpression("#owner = :o AND untilMs = :ms")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":o", s(abandoned.owner()), ":ms",
                            n(abandoned.until().toEpochMilli()))));
        } catch (ConditionalCheckFailedException e) {
            // Taken by a new sweep meanwhile: its lease, not ours to remove.
        }
    }

    private static Lease lease(String bucket, Map<String, AttributeValue> item) {
        return new Lease(bucket, item.get("sk").s(), item.get("owner").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("untilMs").n())));
    }
}
