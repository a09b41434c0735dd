package dev.artifactlifecycle.core.model;

import java.util.Objects;

/** Something the sweep noticed and reports without acting on it. {@code subject} is a key or a run prefix. */
public record Finding(FindingType type, String subject, String message) {
    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    /** Findings about a single object carry its key; the others carry the run prefix. */
    public boolean isAboutKey() {
        return type == FindingType.ORPHAN || type == FindingType.REQUIRES_RESTORE
                || type == FindingType.UNKNOWN_STORAGE_CLASS || type == FindingType.CORRUPT_MANIFEST;
    }
}
