package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.core.InvalidInputException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Checks, before a sweep starts, that the bucket is there and reachable, so a typo fails fast with nothing changed. */
public final class S3Preflight {
    private S3Preflight() {}

    public static void requireBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new InvalidInputException("bucket " + bucket + " does not exist; check --bucket (and the region)");
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                throw new InvalidInputException("bucket " + bucket + " does not exist; check --bucket (and the region)");
            }
            if (e.statusCode() == 403) {
                throw new InvalidInputException("access to bucket " + bucket + " is denied (403); check the credentials"
                        + " and that they allow s3:ListBucket on it");
            }
            if (e.statusCode() == 301 || e.statusCode() == 400) {
                throw new InvalidInputException("bucket " + bucket + " answered " + e.statusCode() + "; it is probably"
                        + " in another region than " + s3.serviceClientConfiguration().region() + "; set AWS_REGION");
            }
            throw new InvalidInputException("cannot check bucket " + bucket + ": " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw new InvalidInputException("cannot reach S3 at "
                    + s3.serviceClientConfiguration().endpointOverride().map(Object::toString).orElse("AWS")
                    + " to check bucket " + bucket + ": " + e.getMessage()
                    + "; check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_S3, the network and the credentials", e);
        }
    }
}
