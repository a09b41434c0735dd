package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
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
        return s3(env, maxConnections, new PrefixRateLimiter());
    }

    /** With a given limiter, so that a test can look at its rates. */
    public static S3Client s3(AwsEnvironment env, int maxConnections, PrefixRateLimiter limiter) {
        var b = S3Client.builder()
                .httpClient(httpClient(env, maxConnections))
                .credentialsProvider(env.credentials())
                .region(region(env, env.s3EndpointOverride().isPresent()))
                // The SDK's standard retry backs off each request; PrefixRateLimiter paces each prefix, backing off
                // on 503 SlowDown and ramping up gradually, as S3 asks.
                .overrideConfiguration(overrides().toBuilder().addExecutionInterceptor(limiter).build());
        env.s3EndpointOverride().ifPresent(u -> b.endpointOverride(u).forcePathStyle(true));
        return b.build();
    }

    public static DynamoDbClient dynamoDb(AwsEnvironment env) {
        var b = DynamoDbClient.builder()
                .httpClient(httpClient(env, 8))
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

    /** Which HTTP client a build has: the Lambda jar ships only one (see the README's benchmark section). */
    public enum HttpClientKind {
        URL_CONNECTION("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"),
        APACHE("software.amazon.awssdk.http.apache.ApacheHttpClient");

        private final String className;

        HttpClientKind(String className) {
            this.className = className;
        }

        boolean onClasspath() {
            try {
                Class.forName(className, false, AwsClients.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }

    /**
     * The requested client if given, else URL connection when present, else Apache. Measured (README, Performance):
     * URL connection answers a cold Lambda's first event about 0.1 s sooner from a 1.4 MiB smaller jar, and copies as
     * fast as Apache at our concurrency.
     */
    public static HttpClientKind httpClientKind(AwsEnvironment env) {
        HttpClientKind wanted = env.httpClient();
        if (wanted != null) {
            if (!wanted.onClasspath()) {
                throw new InvalidInputException(AwsEnvironment.HTTP_CLIENT + "=" + wanted + " but this build does not"
                        + " include that client; unset it or use " + (wanted == HttpClientKind.APACHE
                        ? HttpClientKind.URL_CONNECTION : HttpClientKind.APACHE));
            }
            return wanted;
        }
        return HttpClientKind.URL_CONNECTION.onClasspath() ? HttpClientKind.URL_CONNECTION : HttpClientKind.APACHE;
    }

    /** A bare HTTP client of the build's kind, for the few calls made without a service client. */
    public static SdkHttpClient httpClient(AwsEnvironment env) {
        return httpClient(env, 2);
    }

    private static SdkHttpClient httpClient(AwsEnvironment env, int maxConnections) {
        int connections = Math.max(8, maxConnections);
        return httpClientKind(env) == HttpClientKind.URL_CONNECTION ? UrlConnection.build(connections)
                : Apache.build(connections);
    }

    // Each client lives in its own class so a build that lacks the other never links it.
    private static final class UrlConnection {
        static SdkHttpClient build(int connections) {
            // HttpURLConnection keeps at most http.maxConnections idle connections per host (JDK default 5); raise it
            // to the sweep's concurrency so connections are reused rather than reopened.
            String current = System.getProperty("http.maxConnections");
            if (current == null || Integer.parseInt(current) < connections) {
                System.setProperty("http.maxConnections", Integer.toString(connections));
            }
            return new IoExceptionsRetryable(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    // An in-place copy of a multi-GB object can take minutes before S3 answers.
                    .socketTimeout(Duration.ofMinutes(5))
                    .build());
        }
    }

    private static final class Apache {
        static SdkHttpClient build(int connections) {
            return software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
                    .maxConnections(connections)
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofMinutes(5))
                    .build();
        }
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

    /**
     * The URL-connection client reports an unreadable response (a connection reset or garbage mid-response) as an
     * {@link java.io.UncheckedIOException}, which the SDK's retry stage does not catch, so it is never retried
     * (aws-sdk-java-v2 issue #6578; found by FaultInjectionIT). This unwraps it to the IOException it carries, which the
     * standard retry strategy does retry. Safe here because every call this tool makes is idempotent: reads, copies
     * in place guarded by If-Match, deletes, and audit writes keyed by sweep and object.
     */
    static final class IoExceptionsRetryable implements SdkHttpClient {
        private final SdkHttpClient delegate;

        IoExceptionsRetryable(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            ExecutableHttpRequest inner = delegate.prepareRequest(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    try {
                        return inner.call();
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                }

                @Override
                public void abort() {
                    inner.abort();
                }
            };
        }

        @Override
        public String clientName() {
            return delegate.clientName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
