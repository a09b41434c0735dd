package dev.artifactlifecycle.core.sweep;

import java.util.Optional;

/** Where applies keep their {@link Checkpoint}s. */
public interface CheckpointStore {
    void save(Checkpoint checkpoint);

    Optional<Checkpoint> load(String sweepId);

    /** Forgets a sweep's checkpoint once the sweep has finished: there is nothing left to resume. */
    void clear(String sweepId);

    /** For dry runs and applies without an audit table: nothing is kept, so nothing can be resumed. */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public void save(Checkpoint checkpoint) {}

        @Override
        public Optional<Checkpoint> load(String sweepId) {
            return Optional.empty();
        }

        @Override
        public void clear(String sweepId) {}
    };
}
