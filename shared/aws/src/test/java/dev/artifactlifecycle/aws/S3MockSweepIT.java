package dev.artifactlifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.sweep.ObjectOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The contract suite on S3Mock + DynamoDB Local, in this JVM: runs everywhere the build runs. */
class S3MockSweepIT extends SweepContractIT {
    @Override
    AwsTarget target() {
        return AwsTarget.EMBEDDED;
    }

    /** S3Mock, like S3, honours x-amz-copy-source-if-match (moto ignores it, so this lives here). */
    @Test
    void aTransitionLeavesAnObjectThatChangedSinceItWasListed() {
        String key = "ci/api/r1/app.jar";
        put(key, 200 * KIB, Map.of(), "application/java-archive", null, StorageClass.STANDARD);
        S3Object listed = s3.listObjectsV2(l -> l.bucket(bucket).prefix(key)).contents().get(0);
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("rebuilt"));

        ObjectOutcome outcome = new S3ObjectStore(s3).transition(bucket, new StoredObject(key, listed.size(),
                "STANDARD", listed.lastModified(), listed.eTag()), StorageClass.GLACIER_IR);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.errorCode()).isEqualTo("PreconditionFailed");
        assertThat(classes()).containsEntry(key, "STANDARD");
    }
}
