package dev.artifactlifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artifactlifecycle.core.InvalidInputException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsEnvironmentTest {
    @Test
    void serviceSpecificEndpointsWinOverTheCommonOne() {
        AwsEnvironment env = AwsEnvironment.from(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2", "AWS_REGION", "eu-west-1"));
        assertThat(env.s3EndpointOverride()).contains(URI.create("http://127.0.0.1:2"));
        assertThat(env.dynamoDbEndpointOverride()).contains(URI.create("http://127.0.0.1:1"));
        assertThat(env.regionOverride()).contains("eu-west-1");
    }

    @Test
    void noOverridesMeansRealAws() {
        AwsEnvironment env = AwsEnvironment.from(Map.of());
        assertThat(env.s3EndpointOverride()).isEmpty();
        assertThat(env.dynamoDbEndpointOverride()).isEmpty();
    }

    @Test
    void everyBadEndpointIsNamedAtOnce() {
        assertThatThrownBy(() -> AwsEnvironment.from(Map.of("AWS_ENDPOINT_URL_S3", "localhost:9090",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://bad host")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL_S3=localhost:9090 is not an http(s) URL")
                .hasMessageContaining("AWS_ENDPOINT_URL_DYNAMODB=http://bad host is not a URL");
    }
}
