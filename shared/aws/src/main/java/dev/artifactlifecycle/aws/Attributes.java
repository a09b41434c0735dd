package dev.artifactlifecycle.aws;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The two attribute shapes every item of the audit table is made of. */
final class Attributes {
    private Attributes() {}

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
