package dev.artifactlifecycle.core.testing;

import dev.artifactlifecycle.core.sweep.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Leases in a map, with the conditions of the DynamoDB implementation. */
public final class InMemoryLeaseStore implements LeaseStore {
    private final Map<String, Lease> leases = new TreeMap<>();
    /** A killed process never releases: set this to leave leases behind as a crash would. */
    public volatile boolean releasesLost;

    @Override
    public synchronized Acquisition acquire(String bucket, String scope, String owner, Instant now, Duration ttl) {
        Lease current = leases.get(bucket + "#" + scope);
        if (current != null && !current.owner().equals(owner) && current.until().isAfter(now)) {
            return new Acquisition(false, current, null);
        }
        Lease mine = new Lease(bucket, scope, owner, now.plus(ttl));
        leases.put(bucket + "#" + scope, mine);
        boolean abandoned = current != null && !current.owner().equals(owner);
        return new Acquisition(true, mine, abandoned ? current : null);
    }

    @Override
    public synchronized boolean renew(String bucket, String scope, String owner, Instant now, Duration ttl) {
        Lease current = leases.get(bucket + "#" + scope);
        if (current == null || !current.owner().equals(owner)) {
            return false;
        }
        leases.put(bucket + "#" + scope, new Lease(bucket, scope, owner, now.plus(ttl)));
        return true;
    }

    @Override
    public synchronized void release(String bucket, String scope, String owner) {
        if (releasesLost) {
            return;
        }
        leases.computeIfPresent(bucket + "#" + scope, (k, l) -> l.owner().equals(owner) ? null : l);
    }

    @Override
    public synchronized List<Lease> abandoned(String bucket, Instant now) {
        List<Lease> out = new ArrayList<>();
        for (Lease l : leases.values()) {
            if (l.bucket().equals(bucket) && !l.until().isAfter(now)) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public synchronized void clear(Lease abandoned) {
        leases.remove(abandoned.bucket() + "#" + abandoned.scope(), abandoned);
    }

    public synchronized List<Lease> all() {
        return List.copyOf(leases.values());
    }

    /** Puts a lease as another sweep would hold it. */
    public synchronized void hold(String bucket, String scope, String owner, Instant until) {
        leases.put(bucket + "#" + scope, new Lease(bucket, scope, owner, until));
    }
}
