package dev.artifactlifecycle.core.policy;

import dev.artifactlifecycle.core.model.StorageClass;

/**
 * Effective retention settings for one kind of run (successful or failed) under one rule. A null day count or class
 * means "no such tier" (or, for {@code expireAfterDays}, "never expire by age"; for {@code maxRuns}, "no count
 * limit").
 */
public record Settings(
        int keepLastRuns,
        Integer archiveAfterDays,
        StorageClass archiveStorageClass,
        Integer longTermAfterDays,
        StorageClass longTermStorageClass,
        Integer expireAfterDays,
        Integer maxRuns) {

    public Settings {
        if (keepLastRuns < 0) {
            throw new IllegalArgumentException("keepLastRuns must be >= 0, got " + keepLastRuns);
        }
        if (archiveAfterDays != null && archiveStorageClass == null) {
            throw new IllegalArgumentException("archiveAfterDays needs archiveStorageClass");
        }
        if (longTermAfterDays != null && longTermStorageClass == null) {
            throw new IllegalArgumentException("longTermAfterDays needs longTermStorageClass");
        }
    }

    public boolean hasArchiveTier() {
        return archiveAfterDays != null;
    }

    public boolean hasLongTermTier() {
        return longTermAfterDays != null;
    }

    Settings withKeepLastRuns(int v) {
        return new Settings(v, archiveAfterDays, archiveStorageClass, longTermAfterDays, longTermStorageClass,
                expireAfterDays, maxRuns);
    }

    Settings withArchive(Integer days, StorageClass cls) {
        return new Settings(keepLastRuns, days, days == null ? null : cls, longTermAfterDays, longTermStorageClass,
                expireAfterDays, maxRuns);
    }

    Settings withLongTerm(Integer days, StorageClass cls) {
        return new Settings(keepLastRuns, archiveAfterDays, archiveStorageClass, days, days == null ? null : cls,
                expireAfterDays, maxRuns);
    }

    Settings withExpireAfterDays(Integer v) {
        return new Settings(keepLastRuns, archiveAfterDays, archiveStorageClass, longTermAfterDays,
                longTermStorageClass, v, maxRuns);
    }

    Settings withMaxRuns(Integer v) {
        return new Settings(keepLastRuns, archiveAfterDays, archiveStorageClass, longTermAfterDays,
                longTermStorageClass, expireAfterDays, v);
    }
}
