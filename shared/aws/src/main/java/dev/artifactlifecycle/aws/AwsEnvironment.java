package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS settings read from the environment, the SDK's way: {@code AWS_ENDPOINT_URL} for every service, or
 * {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL_DYNAMODB} for one; {@code AWS_REGION}. Read and validated
 * once, every problem reported together.
 */
public record AwsEnvironment(
        URI s3Endpoint,
        URI dynamoDbEndpoint,
        URI lambdaEndpoint,
        String region,
        AwsCredentialsProvider credentials,
        AwsClients.HttpClientKind httpClient) {
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    public static final String ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String ENDPOINT_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String ENDPOINT_LAMBDA = "AWS_ENDPOINT_URL_LAMBDA";
    public static final String REGION = "AWS_REGION";
    /** Optional: {@code url-connection} or {@code apache}; by default the build's own client. */
    public static final String HTTP_CLIENT = "ARTIFACT_LIFECYCLE_HTTP_CLIENT";

    public static AwsEnvironment fromSystem() {
        return from(System.getenv());
    }

    public static AwsEnvironment from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        URI common = uri(env, ENDPOINT, problems);
        URI s3 = uri(env, ENDPOINT_S3, problems);
        URI ddb = uri(env, ENDPOINT_DYNAMODB, problems);
        URI lambda = uri(env, ENDPOINT_LAMBDA, problems);
        String region = blankToNull(env.get(REGION));
        if (region == null) {
            region = blankToNull(env.get("AWS_DEFAULT_REGION"));
        }
        AwsClients.HttpClientKind http = null;
        String httpName = blankToNull(env.get(HTTP_CLIENT));
        if (httpName != null) {
            switch (httpName.toLowerCase(java.util.Locale.ROOT)) {
                case "url-connection" -> http = AwsClients.HttpClientKind.URL_CONNECTION;
                case "apache" -> http = AwsClients.HttpClientKind.APACHE;
                default -> problems.add(HTTP_CLIENT + "=" + httpName + " is not a client; use url-connection or apache");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("\n", problems));
        }
        return new AwsEnvironment(s3 != null ? s3 : common, ddb != null ? ddb : common,
                lambda != null ? lambda : common, region, credentials(env), http);
    }

    /**
     * Keys given only in {@code env} (an env file, a test) are used as they are. Keys from the process environment
     * go through the SDK's own chain, which re-reads them: Lambda replaces them after a SnapStart restore.
     */
    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
        String secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
        boolean fromProcess = Objects.equals(id, blankToNull(System.getenv("AWS_ACCESS_KEY_ID")))
                && Objects.equals(secret, blankToNull(System.getenv("AWS_SECRET_ACCESS_KEY")));
        if (id == null || secret == null || fromProcess) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = blankToNull(env.get("AWS_SESSION_TOKEN"));
        return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token));
    }

    public Optional<URI> s3EndpointOverride() {
        return Optional.ofNullable(s3Endpoint);
    }

    public Optional<URI> dynamoDbEndpointOverride() {
        return Optional.ofNullable(dynamoDbEndpoint);
    }

    public Optional<URI> lambdaEndpointOverride() {
        return Optional.ofNullable(lambdaEndpoint);
    }

    public Optional<String> regionOverride() {
        return Optional.ofNullable(region);
    }

    private static URI uri(Map<String, String> env, String name, List<String> problems) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return null;
        }
        try {
            URI u = new URI(v);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                problems.add(name + "=" + v + " is not an http(s) URL; set it like http://127.0.0.1:9090 or unset it");
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            problems.add(name + "=" + v + " is not a URL (" + e.getReason() + "); set it like http://127.0.0.1:9090");
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
