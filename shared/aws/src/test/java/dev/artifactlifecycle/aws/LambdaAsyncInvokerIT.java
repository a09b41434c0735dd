package dev.artifactlifecycle.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lambda Invoke call, on the wire: path, headers, SigV4 scope, payload, retries and errors. */
class LambdaAsyncInvokerIT {
    static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:artifacts-sweep:live";
    static final String PATH = "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction"
            + "%3Aartifacts-sweep%3Alive/invocations";
    WireMockServer lambda;
    LambdaAsyncInvoker invoker;

    @BeforeEach
    void start() {
        lambda = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        lambda.start();
        AwsEnvironment env = AwsEnvironment.from(Map.of("AWS_ENDPOINT_URL_LAMBDA", lambda.baseUrl(),
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "tok"));
        invoker = new LambdaAsyncInvoker(env, AwsClients.httpClient(env));
    }

    @AfterEach
    void stop() {
        lambda.stop();
    }

    @Test
    void queuesASignedEventInvocationOfTheQualifiedFunctionAndRetriesThrottling() {
        lambda.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("throttled").willReturn(aResponse().withStatus(429)
                        .withBody("{\"message\":\"Rate exceeded\"}")));
        lambda.stubFor(post(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(202)));

        invoker.invokeAsync(ARN, "{\"resume\":\"20261121T020000Z-3f9a1c0b\"}");

        lambda.verify(2, postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("X-Amz-Invocation-Type", equalTo("Event"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", containing("Credential=AKIDEXAMPLE/"))
                .withHeader("Authorization", containing("/eu-west-1/lambda/aws4_request"))
                .withHeader("X-Amz-Security-Token", equalTo("tok"))
                .withRequestBody(equalToJson("{\"resume\":\"20261121T020000Z-3f9a1c0b\"}")));
    }

    @Test
    void aRefusalIsReportedWithLambdasAnswerAndNotRetried() {
        lambda.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withBody("{\"Message\":\"not authorized to perform: lambda:InvokeFunction\"}")));
        assertThatThrownBy(() -> invoker.invokeAsync(ARN, "{}"))
                .hasMessageContaining("Lambda answered 403")
                .hasMessageContaining("lambda:InvokeFunction");
        lambda.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void anythingButAFunctionArnIsRefused() {
        assertThatThrownBy(() -> invoker.invokeAsync("artifacts-sweep", "{}"))
                .hasMessageContaining("not a Lambda function ARN: artifacts-sweep");
    }
}
