package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.core.sweep.ObjectOutcome;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into per-object outcomes carrying S3's error code. */
final class S3Errors {
    private S3Errors() {}

    static ObjectOutcome outcome(String key, SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            if (code == null || code.isBlank()) {
                code = "HTTP" + s.statusCode();
            }
            if (s.statusCode() == 412) {
                return ObjectOutcome.failed(key, "PreconditionFailed",
                        "the object changed since it was listed; left as it is, the next sweep decides again");
            }
            return ObjectOutcome.failed(key, code, s.awsErrorDetails().errorMessage());
        }
        return ObjectOutcome.failed(key, e.getClass().getSimpleName(), e.getMessage());
    }
}
