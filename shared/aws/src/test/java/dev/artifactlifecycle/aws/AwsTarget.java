package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.local.LocalAws;
import java.net.URI;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** An S3 + DynamoDB endpoint pair the integration suite runs against (S3Mock, moto, LocalStack). */
abstract class AwsTarget {
    abstract String name();

    abstract URI s3Endpoint();

    abstract URI dynamoDbEndpoint();

    /** Real S3 accepts keys with an empty segment ("a//b"); S3Mock's HTTP layer answers 400 to them. */
    boolean acceptsEmptyKeySegments() {
        return true;
    }

    /** S3Mock's delete markers reuse the previous version's id, so version-precise deletes cannot be checked there. */
    boolean versionsLikeS3() {
        return true;
    }

    S3Client s3(ExecutionInterceptor... interceptors) {
        return S3Client.builder().endpointOverride(s3Endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(LocalAws.credentials())
                .httpClient(ApacheHttpClient.builder().maxConnections(32).build())
                .overrideConfiguration(o -> {
                    for (ExecutionInterceptor i : interceptors) {
                        o.addExecutionInterceptor(i);
                    }
                }).build();
    }

    DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(dynamoDbEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(LocalAws.credentials()).httpClient(ApacheHttpClient.create()).build();
    }

    /** S3Mock + DynamoDB Local, in this JVM, one pair for all tests. */
    static final AwsTarget EMBEDDED = new AwsTarget() {
        @Override
        String name() {
            return "S3Mock + DynamoDB Local";
        }

        @Override
        URI s3Endpoint() {
            return LocalAws.shared().s3Endpoint();
        }

        @Override
        URI dynamoDbEndpoint() {
            return LocalAws.shared().dynamoDbEndpoint();
        }

        @Override
        boolean acceptsEmptyKeySegments() {
            return false;
        }

        @Override
        boolean versionsLikeS3() {
            return false;
        }
    };
}
