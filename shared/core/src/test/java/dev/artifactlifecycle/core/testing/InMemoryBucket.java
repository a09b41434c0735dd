package dev.artifactlifecycle.core.testing;

import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.sweep.ObjectOutcome;
import dev.artifactlifecycle.core.sweep.ObjectSource;
import dev.artifactlifecycle.core.sweep.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A bucket in a TreeMap: lists in key order as S3 does, and follows S3's rules where they matter to us (no copy out
 * of GLACIER/DEEP_ARCHIVE, at most 1,000 keys per delete, a missing key deletes fine). Records every mutating call.
 */
public final class InMemoryBucket implements ObjectSource, ObjectStore {
    private final String name;
    private final TreeMap<String, StoredObject> objects = new TreeMap<>();
    private final Map<String, byte[]> contents = new HashMap<>();
    private final Set<String> deleteErrors = new HashSet<>();
    private final Set<String> unreadable = new HashSet<>();
    public final List<String> mutations = new CopyOnWriteArrayList<>();
    public final List<Integer> deleteBatchSizes = new CopyOnWriteArrayList<>();
    public volatile Instant now = Instant.parse("2026-11-01T00:00:00Z");

    public InMemoryBucket(String name) {
        this.name = name;
    }

    public synchronized InMemoryBucket put(String key, long size, StorageClass cls) {
        objects.put(key, new StoredObject(key, size, cls.name(), now, "\"etag-" + key.hashCode() + "\""));
        return this;
    }

    public synchronized InMemoryBucket put(String key, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        objects.put(key, new StoredObject(key, b.length, "STANDARD", now, "\"etag-" + key.hashCode() + "\""));
        contents.put(key, b);
        return this;
    }

    public synchronized InMemoryBucket putAt(String key, long size, Instant lastModified) {
        objects.put(key, new StoredObject(key, size, "STANDARD", lastModified, "\"e\""));
        return this;
    }

    /** DeleteObjects will report AccessDenied for this key (as with Object Lock). */
    public synchronized void denyDelete(String key) {
        deleteErrors.add(key);
    }

    /** Reading this key fails as if S3 answered 500 every time. */
    public synchronized void failReads(String key) {
        unreadable.add(key);
    }

    public synchronized Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    public synchronized Map<String, String> snapshot() {
        Map<String, String> m = new TreeMap<>();
        objects.forEach((k, v) -> m.put(k, v.storageClass()));
        return m;
    }

    @Override
    public synchronized Iterator<StoredObject> list(String bucket, String prefix) {
        check(bucket);
        List<StoredObject> out = new ArrayList<>(objects.tailMap(prefix, true).values().stream()
                .takeWhile(o -> o.key().startsWith(prefix)).toList());
        return out.iterator();
    }

    @Override
    public synchronized Optional<byte[]> read(String bucket, String key, int maxBytes) {
        check(bucket);
        if (unreadable.contains(key)) {
            throw new IllegalStateException("InternalError reading " + key);
        }
        if (!objects.containsKey(key)) {
            return Optional.empty();
        }
        byte[] b = contents.getOrDefault(key, new byte[0]);
        return Optional.of(Arrays.copyOf(b, Math.min(b.length, maxBytes + 1)));
    }

    @Override
    public synchronized Optional<StoredObject> head(String bucket, String key) {
        check(bucket);
        return Optional.ofNullable(objects.get(key));
    }

    /** Called before each mutating call with its description; a test throws from it to kill the sweep there. */
    public volatile Consumer<String> beforeMutation = m -> {};

    @Override
    public ObjectOutcome transition(String bucket, StoredObject object, StorageClass target) {
        beforeMutation.accept("TRANSITION " + object.key());
        return doTransition(bucket, object, target);
    }

    private synchronized ObjectOutcome doTransition(String bucket, StoredObject object, StorageClass target) {
        check(bucket);
        mutations.add("TRANSITION " + object.key() + " " + target);
        StoredObject current = objects.get(object.key());
        if (current == null) {
            return ObjectOutcome.failed(object.key(), "NoSuchKey", "gone");
        }
        StorageClass cls = StorageClass.fromS3(current.storageClass()).orElseThrow();
        if (cls.requiresRestoreToCopy()) {
            return ObjectOutcome.failed(object.key(), "InvalidObjectState", "needs restore");
        }
        objects.put(object.key(), new StoredObject(object.key(), current.sizeBytes(), target.name(), now,
                current.etag()));
        return ObjectOutcome.done(object.key());
    }

    @Override
    public List<ObjectOutcome> delete(String bucket, List<StoredObject> batch) {
        beforeMutation.accept("DELETE " + batch.get(0).key());
        return doDelete(bucket, batch);
    }

    private synchronized List<ObjectOutcome> doDelete(String bucket, List<StoredObject> batch) {
        check(bucket);
        if (batch.size() > MAX_DELETE_BATCH) {
            throw new IllegalArgumentException("MalformedXML: more than 1000 keys");
        }
        deleteBatchSizes.add(batch.size());
        List<ObjectOutcome> out = new ArrayList<>();
        for (StoredObject o : batch) {
            mutations.add("DELETE " + o.key());
            if (deleteErrors.contains(o.key())) {
                out.add(ObjectOutcome.failed(o.key(), "AccessDenied", "Object Lock"));
            } else {
                objects.remove(o.key());
                out.add(ObjectOutcome.done(o.key()));
            }
        }
        return out;
    }

    private void check(String bucket) {
        if (!name.equals(bucket)) {
            throw new IllegalArgumentException("NoSuchBucket " + bucket);
        }
    }
}
