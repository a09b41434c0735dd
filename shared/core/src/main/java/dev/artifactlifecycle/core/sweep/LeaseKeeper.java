package dev.artifactlifecycle.core.sweep;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Renews the leases a sweep holds, every third of their time to live, on a daemon thread. A renewal that finds the
 * lease taken (the sweep stalled past its expiry and another sweep reconciled it) marks the lease lost; the sweep
 * checks {@link #requireHeld()} before each pipeline and stops.
 */
final class LeaseKeeper implements AutoCloseable {
    private final LeaseStore leases;
    private final String bucket;
    private final String owner;
    private final Clock clock;
    private final Duration ttl;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private volatile String lost;

    LeaseKeeper(LeaseStore leases, String bucket, String owner, Clock clock, Duration ttl) {
        this.leases = leases;
        this.bucket = bucket;
        this.owner = owner;
        this.clock = clock;
        this.ttl = ttl;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-" + owner);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    void hold(String scope) {
        held.add(scope);
    }

    void release(String scope) {
        held.remove(scope);
        leases.release(bucket, scope, owner);
    }

    void renewAll() {
        for (String scope : held) {
            try {
                if (!leases.renew(bucket, scope, owner, clock.instant(), ttl)) {
                    lost = scope;
                }
            } catch (RuntimeException e) {
                // A failed renewal is retried on the next tick; the lease still has two thirds of its time.
            }
        }
    }

    /** @throws IllegalStateException when a lease of this sweep was taken over */
    void requireHeld() {
        String scope = lost;
        if (scope != null) {
            throw new IllegalStateException("lost the lease on " + scope + " (renewal found another owner); stopped"
                    + " before acting further so two sweeps never act at once");
        }
    }

    /** Stops renewing without releasing: the leases run out and whoever finds them reconciles this sweep. */
    void abandon() {
        held.clear();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (String scope : held) {
            try {
                release(scope);
            } catch (RuntimeException e) {
                // Unreleased, the lease simply runs out; the next sweep then reconciles, which is harmless.
            }
        }
    }
}
