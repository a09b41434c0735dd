package dev.artifactlifecycle.aws;

import static dev.artifactlifecycle.aws.Attributes.n;
import static dev.artifactlifecycle.aws.Attributes.s;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Events already handled, so a duplicate delivery (EventBridge at-least-once, an S3 notification sent twice, a Lambda
 * async retry of a delivery that had succeeded) does nothing twice. An event is remembered only once its sweep has
 * finished: a retry of a delivery that failed still runs. Items live in the audit table under
 * {@code EVENT#<id>} / {@code EVENT} and expire by TTL after {@link #REMEMBER}.
 */
public final class DynamoDbEventLedger {
    /** Longer than EventBridge's 24 h retry window and Lambda's 6 h async event age. */
    public static final Duration REMEMBER = Duration.ofDays(2);

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoDbEventLedger(DynamoDbClient ddb, String table) {
        this.ddb = Objects.requireNonNull(ddb, "ddb");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The sweep that handled this event, or null when it was not handled (or was forgotten). */
    public String handledBy(String eventId, Instant now) {
        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(eventId))).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        // TTL deletion lags by up to days: an expired item counts as forgotten.
        if (Long.parseLong(item.get("expiresAt").n()) <= now.getEpochSecond()) {
            return null;
        }
        return item.get("sweepId").s();
    }

    /** Remembers that {@code sweepId} handled the event; the first writer wins. */
    public void remember(String eventId, String sweepId, Instant now) {
        try {
            ddb.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", s("EVENT#" + eventId), "sk", s("EVENT"), "sweepId", s(sweepId),
                            "at", s(now.toString()),
                            "expiresAt", n(now.plus(REMEMBER).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            // Already remembered by a concurrent duplicate.
        }
    }

    private static Map<String, AttributeValue> key(String eventId) {
        return Map.of("pk", s("EVENT#" + eventId), "sk", s("EVENT"));
    }
}
