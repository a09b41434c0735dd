package dev.artifactlifecycle.core.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Mutual exclusion between sweeps. A scope is a listing prefix: a whole sweep holds its layout prefix and, while it
 * acts on a pipeline, that pipeline's folder; an upload-triggered sweep holds only its pipeline's folder. A lease
 * that runs out without being released marks a sweep that stopped mid-way: whoever finds it reconciles that sweep's
 * PENDING audit items before acting.
 */
public interface LeaseStore {
    record Lease(String bucket, String scope, String owner, Instant until) {
        public Lease {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * @param acquired  whether the caller now holds the lease
     * @param holder    who holds it (the caller when acquired)
     * @param abandoned the expired, unreleased lease the caller replaced, if any
     */
    record Acquisition(boolean acquired, Lease holder, Lease abandoned) {}

    /** Takes the lease when it is free, expired, or already the owner's (a resumed sweep keeps its id). */
    Acquisition acquire(String bucket, String scope, String owner, Instant now, Duration ttl);

    /** Extends the owner's lease; false when the owner no longer holds it. */
    boolean renew(String bucket, String scope, String owner, Instant now, Duration ttl);

    /** Gives the lease up if the owner still holds it. */
    void release(String bucket, String scope, String owner);

    /** Leases in the bucket whose time ran out without a release. */
    List<Lease> abandoned(String bucket, Instant now);

    /** Removes an abandoned lease once its sweep is reconciled, unless someone took it meanwhile. */
    void clear(Lease abandoned);

    /** No coordination: for dry runs, and for applies without an audit table (--no-audit). */
    LeaseStore NONE = new LeaseStore() {
        @Override
        public Acquisition acquire(String bucket, String scope, String owner, Instant now, Duration ttl) {
            return new Acquisition(true, new Lease(bucket, scope, owner, now.plus(ttl)), null);
        }

        @Override
        public boolean renew(String bucket, String scope, String owner, Instant now, Duration ttl) {
            return true;
        }

        @Override
        public void release(String bucket, String scope, String owner) {}

        @Override
        public List<Lease> abandoned(String bucket, Instant now) {
            return List.of();
        }

        @Override
        public void clear(Lease abandoned) {}
    };
}
