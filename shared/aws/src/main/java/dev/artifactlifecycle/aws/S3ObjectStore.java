package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Layout;
import dev.artifactlifecycle.core.sweep.ObjectOutcome;
import dev.artifactlifecycle.core.sweep.ObjectStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * Changes objects the way S3 allows: a transition is a CopyObject onto the same key with the new storage class
 * (metadata and tags copied; only if the object still has the listed ETag), or a multipart UploadPartCopy above
 * 5 GiB, the largest object CopyObject accepts. Deletes are DeleteObjects of at most 1,000 keys, per-key errors kept.
 */
public final class S3ObjectStore implements ObjectStore {
    /** CopyObject's limit; above it S3 requires a multipart copy. */
    public static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;
    /** S3 allows at most 10,000 parts; parts (but the last) must be at least 5 MiB and at most 5 GiB. */
    static final int MAX_PARTS = 10_000;
    static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    static final long DEFAULT_PART_BYTES = 512L * 1024 * 1024;

    private final S3Client s3;
    private final long multipartThreshold;
    private final long partBytes;
    private final Layout layout;

    /** A store whose requests carry no rate-limit prefix (tests, benchmarks). */
    public S3ObjectStore(S3Client s3) {
        this(s3, null);
    }

    /**
     * A store whose copies and deletes name their pipeline's folder ({@code prefix + pipeline + "/"}) as their
     * rate-limit prefix, for a {@link PrefixRateLimiter} on the client.
     */
    public S3ObjectStore(S3Client s3, Layout layout) {
        this(s3, MAX_SINGLE_COPY_BYTES, DEFAULT_PART_BYTES, layout);
    }

    /** Lower thresholds let tests exercise the multipart path with small objects. */
    S3ObjectStore(S3Client s3, long multipartThreshold, long partBytes) {
        this(s3, multipartThreshold, partBytes, null);
    }

    private S3ObjectStore(S3Client s3, long multipartThreshold, long partBytes, Layout layout) {
        if (multipartThreshold > MAX_SINGLE_COPY_BYTES || partBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException("threshold must be <= 5 GiB and parts >= 5 MiB");
        }
        this.s3 = s3;
        this.multipartThreshold = multipartThreshold;
        this.partBytes = partBytes;
        this.layout = layout;
    }

    /** The rate-limit prefix of a key: its pipeline's folder, or the layout prefix for a key outside any run. */
    static String scopeOf(Layout layout, String key) {
        if (layout == null) {
            return null;
        }
        if (!key.startsWith(layout.prefix())) {
            return layout.prefix();
        }
        return layout.pattern().locate(key.substring(layout.prefix().length()))
                .map(loc -> layout.prefix() + loc.pipeline() + "/").orElse(layout.prefix());
    }

    private Consumer<AwsRequestOverrideConfiguration.Builder> scoped(String key) {
        String scope = scopeOf(layout, key);
        return o -> {
            if (scope != null) {
                o.putExecutionAttribute(PrefixRateLimiter.SCOPE, scope);
            }
        };
    }

    @Override
    public ObjectOutcome transition(String bucket, StoredObject object, StorageClass target) {
        // The planner never asks for any of these; the store refuses them too, so no caller can, whatever an
        // emulator would allow.
        Optional<StorageClass> current = StorageClass.fromS3(object.storageClass());
        if (current.isEmpty()) {
            return ObjectOutcome.failed(object.key(), "UnknownStorageClass",
                    "storage class " + object.storageClass() + " is unknown; not transitioned");
        }
        if (current.get().requiresRestoreToCopy()) {
            return ObjectOutcome.failed(object.key(), "InvalidObjectState",
                    object.storageClass() + " objects cannot be copied without a restore");
        }
        if (!target.isColderThan(current.get())) {
            return ObjectOutcome.failed(object.key(), "NotColder", target + " is not colder than "
                    + current.get() + "; objects are never moved to a warmer (or the same) class");
        }
        try {
            if (object.sizeBytes() > multipartThreshold) {
                multipartCopy(bucket, object, target);
            } else {
                CopyObjectRequest.Builder req = CopyObjectRequest.builder()
                        .sourceBucket(bucket).sourceKey(object.key())
                        .destinationBucket(bucket).destinationKey(object.key())
                        .storageClass(target.name())
                        .metadataDirective(MetadataDirective.COPY)
                        .taggingDirective(TaggingDirective.COPY)
                        .overrideConfiguration(scoped(object.key()));
                if (object.etag() != null) {
                    req.copySourceIfMatch(object.etag());
                }
                s3.copyObject(req.build());
            }
            return ObjectOutcome.done(object.key());
        } catch (SdkException e) {
            return S3Errors.outcome(object.key(), e);
        }
    }

    private void multipartCopy(String bucket, StoredObject object, StorageClass target) {
        String key = object.key();
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
        List<Tag> tags = s3.getObjectTagging(r -> r.bucket(bucket).key(key)).tagSet();
        String uploadId = s3.createMultipartUpload(r -> {
            r.bucket(bucket).key(key).storageClass(target.name()).metadata(head.metadata())
                    .contentType(head.contentType()).contentEncoding(head.contentEncoding())
                    .contentDisposition(head.contentDisposition()).contentLanguage(head.contentLanguage())
                    .cacheControl(head.cacheControl());
            if (!tags.isEmpty()) {
                r.tagging(tags.stream().map(t -> encode(t.key()) + "=" + encode(t.value()))
                        .collect(Collectors.joining("&")));
            }
        }).uploadId();
        try {
            long size = head.contentLength();
            long part = Math.max(partBytes, (size + MAX_PARTS - 1) / MAX_PARTS);
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long from = 0; from < size; from += part, number++) {
                long to = Math.min(size, from + part) - 1;
                int n = number;
                String range = "bytes=" + from + "-" + to;
                String etag = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket)
                        .destinationKey(key).uploadId(uploadId).partNumber(n).copySourceRange(range)
                        .copySourceIfMatch(object.etag()).overrideConfiguration(scoped(key))).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static String id(String key, String versionId) {
        return versionId == null || versionId.isEmpty() || versionId.equals("null") ? key : key + "\u0000" + versionId;
    }

    @Override
    public List<ObjectOutcome> delete(String bucket, List<StoredObject> batch) {
        if (batch.size() > MAX_DELETE_BATCH) {
            throw new IllegalArgumentException("DeleteObjects takes at most " + MAX_DELETE_BATCH + " keys; got "
                    + batch.size());
        }
        if (batch.isEmpty()) {
            return List.of();
        }
        List<ObjectIdentifier> ids = batch.stream().map(o -> ObjectIdentifier.builder().key(o.key())
                .versionId(o.versionId()).build()).toList();
        Map<String, S3Error> errors = new HashMap<>();
        Map<String, String> markers = new HashMap<>();
        try {
            // Not quiet: in a versioned bucket, the answer names the delete marker each delete added, which is what
            // undoing it takes. Keys missing from both lists were deleted too (a missing key counts as deleted).
            DeleteObjectsResponse resp = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(ids)
                    .quiet(false)).overrideConfiguration(scoped(batch.get(0).key())));
            for (S3Error e : resp.errors()) {
                errors.put(id(e.key(), e.versionId()), e);
            }
            for (DeletedObject d : resp.deleted()) {
                if (Boolean.TRUE.equals(d.deleteMarker()) && d.deleteMarkerVersionId() != null && d.versionId() == null) {
                    markers.put(d.key(), d.deleteMarkerVersionId());
                }
            }
        } catch (SdkException e) {
            return batch.stream().map(o -> S3Errors.outcome(o.key(), e)).toList();
        }
        List<ObjectOutcome> out = new ArrayList<>(batch.size());
        for (StoredObject o : batch) {
            S3Error e = errors.get(id(o.key(), o.versionId()));
            if (e != null) {
                out.add(ObjectOutcome.failed(o.key(), e.code(), e.message()));
            } else if (o.versionId() == null && markers.containsKey(o.key())) {
                out.add(ObjectOutcome.deletedBehindMarker(o.key(), markers.get(o.key())));
            } else {
                out.add(ObjectOutcome.done(o.key()));
            }
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
