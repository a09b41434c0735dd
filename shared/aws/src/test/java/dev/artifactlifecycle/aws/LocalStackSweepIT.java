package dev.artifactlifecycle.aws;

import java.net.URI;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The contract suite on LocalStack through Testcontainers. Needs a Docker engine; without one it is skipped and the
 * reason is printed.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSweepIT extends SweepContractIT {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.DYNAMODB);

    @Override
    AwsTarget target() {
        return new AwsTarget() {
            @Override
            String name() {
                return "LocalStack";
            }

            @Override
            URI s3Endpoint() {
                return LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.S3);
            }

            @Override
            URI dynamoDbEndpoint() {
                return LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.DYNAMODB);
            }
        };
    }
}
