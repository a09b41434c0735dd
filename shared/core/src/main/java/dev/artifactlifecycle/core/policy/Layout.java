package dev.artifactlifecycle.core.policy;

import java.util.Objects;

/**
 * Where runs live in the bucket and how a run says what it is.
 *
 * @param manifest       file name (relative to the run) of the optional JSON manifest; null disables
 * @param successMarker  null disables
 * @param failureMarker  null disables
 * @param keepMarker     null disables; a run holding this object is pinned
 * @param runIdTimestamp null when run ids carry no timestamp
 */
public record Layout(
        String prefix,
        KeyTemplate pattern,
        String manifest,
        String successMarker,
        String failureMarker,
        String keepMarker,
        RunIdTimestamp runIdTimestamp) {

    public Layout {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(pattern, "pattern");
    }
}
