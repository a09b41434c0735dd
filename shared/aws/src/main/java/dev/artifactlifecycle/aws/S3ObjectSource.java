package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.core.model.BucketVersioning;
import dev.artifactlifecycle.core.model.ObjectVersion;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.sweep.ObjectSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.paginators.ListObjectVersionsIterable;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Lists with ListObjectsV2 (1,000 keys a page, fetched as the iterator advances) and reads small objects. */
public final class S3ObjectSource implements ObjectSource {
    private final S3Client s3;

    public S3ObjectSource(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Iterator<StoredObject> list(String bucket, String prefix) {
        Iterator<S3Object> pages = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()
                .iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public StoredObject next() {
                S3Object o = pages.next();
                return new StoredObject(o.key(), o.size() == null ? 0 : o.size(), o.storageClassAsString(),
                        o.lastModified(), o.eTag());
            }
        };
    }

    @Override
    public Optional<byte[]> read(String bucket, String key, int maxBytes) {
        GetObjectRequest req = GetObjectRequest.builder().bucket(bucket).key(key).range("bytes=0-" + maxBytes).build();
        try {
            return Optional.of(s3.getObjectAsBytes(req).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return Optional.of(new byte[0]); // a range on an empty object
            }
            throw e;
        }
    }

    @Override
    public BucketVersioning versioning(String bucket) {
        BucketVersioningStatus status = s3.getBucketVersioning(r -> r.bucket(bucket)).status();
        if (status == BucketVersioningStatus.ENABLED) {
            return BucketVersioning.ENABLED;
        }
        return status == BucketVersioningStatus.SUSPENDED ? BucketVersioning.SUSPENDED : BucketVersioning.DISABLED;
    }

    @Override
    public Iterator<ObjectVersion> listVersions(String bucket, String prefix) {
        ListObjectVersionsIterable pages = s3.listObjectVersionsPaginator(r -> r.bucket(bucket).prefix(prefix));
        // Each page lists versions, then delete markers; merged per key, newest first, as ObjectVersion.
        return pages.stream().flatMap(page -> {
            List<ObjectVersion> all = new ArrayList<>();
            for (software.amazon.awssdk.services.s3.model.ObjectVersion v : page.versions()) {
                all.add(new ObjectVersion(v.key(), v.versionId(), Boolean.TRUE.equals(v.isLatest()), false,
                        v.size() == null ? 0 : v.size(), v.storageClassAsString(), v.lastModified()));
            }
            for (DeleteMarkerEntry m : page.deleteMarkers()) {
                all.add(new ObjectVersion(m.key(), m.versionId(), Boolean.TRUE.equals(m.isLatest()), true, 0, null,
                        m.lastModified()));
            }
            all.sort(Comparator.comparing(ObjectVersion::key).thenComparing(ObjectVersion::latest,
                    Comparator.reverseOrder()).thenComparing(ObjectVersion::lastModified, Comparator.reverseOrder()));
            return all.stream();
        }).iterator();
    }

    @Override
    public boolean versionExists(String bucket, String key, String versionId) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key).versionId(versionId));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            // HEAD of a delete marker's version answers 405 Method Not Allowed: it exists.
            if (e.statusCode() == 405) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredObject> head(String bucket, String key) {
        try {
            HeadObjectResponse h = s3.headObject(r -> r.bucket(bucket).key(key));
            // HeadObject omits the storage class header for STANDARD objects.
            String cls = h.storageClassAsString() == null ? "STANDARD" : h.storageClassAsString();
            return Optional.of(new StoredObject(key, h.contentLength() == null ? 0 : h.contentLength(), cls,
                    h.lastModified(), h.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty(); // HEAD has no body, so S3 cannot say NoSuchKey
            }
            throw e;
        }
    }
}
