package dev.artifactlifecycle.core.model;

import java.util.Objects;

/** Something the sweep noticed and reports without acting on it. {@code subject} is a key or a run prefix. */
public record Finding(FindingType type, String subject, String message) {
    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    /**
     * What {@code subject} names: "key" (one object), "run" (a run prefix), "prefix" (a leased scope), "bucket" or
     * "sweep" (a sweep id).
     */
    public String subjectKind() {
        return switch (type) {
            case ORPHAN, REQUIRES_RESTORE, UNKNOWN_STORAGE_CLASS, CORRUPT_MANIFEST -> "key";
            case STALE_IN_PROGRESS -> "run";
            case LEASE_HELD -> "prefix";
            case VERSIONING -> "bucket";
            case KILL_SWITCH, GUARD, GUARD_OVERRIDDEN, RECONCILED, CHECKPOINT, RESUMED -> "sweep";
        };
    }
}
