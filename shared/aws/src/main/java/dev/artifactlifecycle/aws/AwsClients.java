package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.core.InvalidInputException;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the SDK clients once, from {@link AwsEnvironment}. With an endpoint override (an emulator), S3 uses
 * path-style addressing and a missing region defaults to us-east-1.
 */
public final class AwsClients {
    /** S3 asks clients to back off on 503 SlowDown; the SDK's standard strategy does, with jitter. */
    static final int MAX_ATTEMPTS = 8;

    private AwsClients() {}

    public static S3Client s3(AwsEnvironment env, int maxConnections) {
        var b = S3Client.builder()
                .httpClient(httpClient(maxConnections))
                .credentialsProvider(env.credentials())
                .region(region(env, env.s3EndpointOverride().isPresent()))
                .overrideConfiguration(overrides());
        env.s3EndpointOverride().ifPresent(u -> b.endpointOverride(u).forcePathStyle(true));
        return b.build();
    }

    public static DynamoDbClient dynamoDb(AwsEnvironment env) {
        var b = DynamoDbClient.builder()
                .httpClient(httpClient(8))
                .credentialsProvider(env.credentials())
                .region(region(env, env.dynamoDbEndpointOverride().isPresent()))
                .overrideConfiguration(overrides());
        env.dynamoDbEndpointOverride().ifPresent(b::endpointOverride);
        return b.build();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .build();
    }

    private static SdkHttpClient httpClient(int maxConnections) {
        return ApacheHttpClient.builder()
                .maxConnections(Math.max(8, maxConnections))
                .connectionTimeout(Duration.ofSeconds(5))
                // An in-place copy of a multi-GB object can take minutes before S3 answers.
                .socketTimeout(Duration.ofMinutes(5))
                .build();
    }

    private static Region region(AwsEnvironment env, boolean emulator) {
        if (env.regionOverride().isPresent()) {
            return Region.of(env.regionOverride().get());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            if (emulator) {
                return Region.US_EAST_1;
            }
            throw new InvalidInputException("no AWS region is configured; set AWS_REGION (e.g. AWS_REGION=eu-west-1)"
                    + " or a region in your AWS profile");
        }
    }
}
