package dev.artifactlifecycle.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * No emulator returns per-key DeleteObjects errors (Object Lock, legal hold); this rewrites a real response so that
 * chosen keys come back as AccessDenied, as S3 would answer.
 */
final class DeleteErrorInjector implements ExecutionInterceptor {
    final Set<String> denied = ConcurrentHashMap.newKeySet();

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof DeleteObjectsResponse resp)
                || !(context.request() instanceof DeleteObjectsRequest req)) {
            return context.response();
        }
        List<S3Error> errors = new ArrayList<>(resp.errors());
        List<DeletedObject> deleted = new ArrayList<>(resp.deleted());
        req.delete().objects().stream().filter(o -> denied.contains(o.key())).forEach(o -> {
            deleted.removeIf(d -> d.key().equals(o.key()));
            errors.add(S3Error.builder().key(o.key()).code("AccessDenied")
                    .message("Access Denied because object protected by object lock.").build());
        });
        return resp.toBuilder().deleted(deleted).errors(errors).build();
    }
}
