package dev.artifactlifecycle.aws;

import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.sweep.ObjectSource;
import java.util.Iterator;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
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
