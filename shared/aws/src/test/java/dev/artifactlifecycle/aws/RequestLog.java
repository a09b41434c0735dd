package dev.artifactlifecycle.aws;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;

/** Records every S3 operation the client sends, and the key count of each DeleteObjects. */
final class RequestLog implements ExecutionInterceptor {
    static final Set<String> MUTATING = Set.of("CopyObject", "DeleteObjects", "DeleteObject", "PutObject",
            "CreateMultipartUpload", "UploadPartCopy", "CompleteMultipartUpload", "PutObjectTagging",
            "RestoreObject");

    final List<String> operations = new CopyOnWriteArrayList<>();
    final List<Integer> deleteBatchSizes = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (context.request() instanceof DeleteObjectsRequest d) {
            deleteBatchSizes.add(d.delete().objects().size());
        }
    }

    long count(String operation) {
        return operations.stream().filter(operation::equals).count();
    }

    List<String> mutating() {
        return operations.stream().filter(MUTATING::contains).toList();
    }

    void clear() {
        operations.clear();
        deleteBatchSizes.clear();
    }
}
