package dev.artifactlifecycle.core.sweep;

import java.util.concurrent.atomic.AtomicLong;

/** Counters a sweep updates as it goes, for a progress display to poll. */
public final class SweepProgress {
    public final AtomicLong objectsListed = new AtomicLong();
    public final AtomicLong runsPlanned = new AtomicLong();
    public final AtomicLong actionsPlanned = new AtomicLong();
    public final AtomicLong actionsDone = new AtomicLong();
}
