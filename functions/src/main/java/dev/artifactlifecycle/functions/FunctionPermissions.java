package dev.artifactlifecycle.functions;

import java.util.Map;
import java.util.Set;

/**
 * The AWS operations each function's code may call. Handler tests record the operations actually sent and check
 * them against this; the template test checks that each function's IAM role allows these and nothing wider.
 */
public final class FunctionPermissions {
    private static final Set<String> READ = Set.of("s3:ListObjectsV2", "s3:GetObject", "dynamodb:PutItem",
            // a dry run says whether deletes would be recoverable, and plans noncurrent-version cleanup
            "s3:GetBucketVersioning", "s3:ListObjectVersions");
    private static final Set<String> APPLY = Set.of("s3:ListObjectsV2", "s3:GetObject", "s3:CopyObject",
            "s3:DeleteObjects", "s3:HeadObject", "s3:GetObjectTagging", "s3:CreateMultipartUpload",
            "s3:UploadPartCopy", "s3:CompleteMultipartUpload", "s3:AbortMultipartUpload", "dynamodb:PutItem",
            "dynamodb:BatchWriteItem", "s3:GetBucketVersioning", "s3:ListObjectVersions",
            // leases, the event ledger and reconciliation of PENDING items
            "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    /** The sweep function also queues its own continuation when it nears its timeout. */
    private static final Set<String> SWEEP = union(APPLY, Set.of("lambda:Invoke"));

    /** Keyed by the handler class's simple name. */
    public static final Map<String, Set<String>> OPERATIONS = Map.of(
            "SweepHandler", SWEEP,
            "UploadHandler", APPLY,
            "DryRunHandler", READ);

    private FunctionPermissions() {}

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}
