package dev.artifactlifecycle.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * S3 storage classes this tool understands, ordered from warmest to coldest. The order decides what "colder" means:
 * an object is never moved to a class that is not strictly colder than the one it is in.
 */
public enum StorageClass {
    STANDARD(0, 0),
    REDUCED_REDUNDANCY(0, 0),
    // Intelligent-Tiering has no minimum storage duration charge.
    INTELLIGENT_TIERING(1, 0),
    STANDARD_IA(2, 30),
    ONEZONE_IA(3, 30),
    GLACIER_IR(4, 90),
    GLACIER(5, 90),
    DEEP_ARCHIVE(6, 180);

    private final int coldness;
    private final int minimumStorageDays;

    StorageClass(int coldness, int minimumStorageDays) {
        this.coldness = coldness;
        this.minimumStorageDays = minimumStorageDays;
    }

    /** The class named by S3 (ListObjectsV2, HeadObject); a missing class means STANDARD, as S3 omits it. */
    public static Optional<StorageClass> fromS3(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(STANDARD);
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public int minimumStorageDays() {
        return minimumStorageDays;
    }

    public boolean isColderThan(StorageClass other) {
        return coldness > other.coldness;
    }

    public boolean isAtLeastAsColdAs(StorageClass other) {
        return coldness >= other.coldness;
    }

    /** GLACIER and DEEP_ARCHIVE objects must be restored before S3 lets anything copy them. */
    public boolean requiresRestoreToCopy() {
        return this == GLACIER || this == DEEP_ARCHIVE;
    }

    /** STANDARD and REDUCED_REDUNDANCY are where objects start; moving "to" them would be a warmer move. */
    public boolean isTransitionTarget() {
        return coldness > 0;
    }
}
