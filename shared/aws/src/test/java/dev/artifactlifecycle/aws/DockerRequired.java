package dev.artifactlifecycle.aws;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Disables a Testcontainers suite where no Docker engine runs, and says so on the console, not only in reports. */
final class DockerRequired implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine is available");
        }
        String reason = "no Docker engine is available, so LocalStack cannot start; the same suite ran on S3Mock"
                + " and (where installed) moto";
        if (context.getTestMethod().isEmpty()) {
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
