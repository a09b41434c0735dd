package dev.artifactlifecycle.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.utils.IoUtils;

/**
 * Lambda's Invoke API with {@code InvocationType: Event}, for a sweep that continues in a fresh invocation of its own
 * function. This is the one call made without a service client: the SDK's {@code lambda} module does not resolve
 * from this project's package registry, so the request is built here and signed with the SDK's own SigV4 signer, sent
 * through the build's HTTP client and retried with the SDK's standard retry strategy.
 */
public final class LambdaAsyncInvoker {
    private static final int ATTEMPTS = 4;

    private final AwsEnvironment env;
    private final SdkHttpClient http;
    private final RetryStrategy retry = StandardRetryStrategy.builder()
            .maxAttempts(ATTEMPTS)
            .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(5)))
            .retryOnExceptionInstanceOf(IOException.class)
            .retryOnExceptionInstanceOf(Retryable.class)
            .circuitBreakerEnabled(false)
            .build();

    public LambdaAsyncInvoker(AwsEnvironment env, SdkHttpClient http) {
        this.env = Objects.requireNonNull(env, "env");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** A throttle or server error from Lambda: worth another attempt. */
    static final class Retryable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Retryable(String message) {
            super(message);
        }
    }

    /**
     * Queues an asynchronous invocation of {@code functionArn} (a qualified ARN keeps its alias) with a JSON payload.
     *
     * @throws IllegalStateException when Lambda does not accept it after the retries
     */
    public void invokeAsync(String functionArn, String jsonPayload) {
        String[] arn = functionArn.split(":");
        if (arn.length < 7 || !"arn".equals(arn[0]) || !"lambda".equals(arn[2])) {
            throw new IllegalArgumentException("not a Lambda function ARN: " + functionArn);
        }
        String region = arn[3];
        URI endpoint = env.lambdaEndpointOverride().orElseGet(() -> URI.create("https://lambda." + region + "."
                + PartitionMetadata.of(arn[1]).dnsSuffix()));
        byte[] body = jsonPayload.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath("/2015-03-31/functions/" + URLEncoder.encode(functionArn, StandardCharsets.UTF_8)
                        + "/invocations")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Amz-Invocation-Type", "Event")
                .build();
        RetryToken token = retry.acquireInitialToken(AcquireInitialTokenRequest.create("lambda")).token();
        while (true) {
            try {
                send(request, body, region);
                retry.recordSuccess(RecordSuccessRequest.create(token));
                return;
            } catch (IOException | RuntimeException e) {
                RefreshRetryTokenResponse next;
                try {
                    next = retry.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(e).build());
                } catch (TokenAcquisitionFailedException done) {
                    throw new IllegalStateException("Lambda did not accept the asynchronous invocation of "
                            + functionArn + ": " + e.getMessage(), e);
                }
                token = next.token();
                sleep(next.delay());
            }
        }
    }

    private void send(SdkHttpFullRequest request, byte[] body, String region) throws IOException {
        AwsCredentialsIdentity credentials = env.credentials().resolveIdentity().join();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(ContentStreamProvider.fromByteArray(body)))
                .build()).call();
        int status = response.httpResponse().statusCode();
        if (status == 202) {
            response.responseBody().ifPresent(LambdaAsyncInvoker::drain);
            return;
        }
        String text = response.responseBody().map(LambdaAsyncInvoker::drain).orElse("");
        String message = "Lambda answered " + status + " " + text;
        if (status == 429 || status >= 500) {
            throw new Retryable(message);
        }
        throw new IllegalStateException(message);
    }

    private static String drain(InputStream in) {
        try (in) {
            return IoUtils.toUtf8String(in);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a Lambda invocation", e);
        }
    }
}
