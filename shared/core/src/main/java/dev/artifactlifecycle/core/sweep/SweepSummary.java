package dev.artifactlifecycle.core.sweep;

/** Totals of one sweep. Counts cover the selected pipelines; {@code orphans} covers the whole prefix. */
public record SweepSummary(
        long pipelines,
        long runs,
        long objects,
        long bytes,
        long transitions,
        long transitionBytes,
        long deletes,
        long deleteBytes,
        long failed,
        long skippedSmall,
        long orphans) {}
