package dev.artifactlifecycle.core.sweep;

import java.util.Optional;

/** Where applies keep their {@link Checkpoint}s. */
public interface CheckpointStore {
    void save(Checkpoint checkpoint);

    Optional<Checkpoint> load(String sweepId);

    /** For dry runs and applies without an audit table: nothing is kept, so nothing can be resumed. */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public void save(Checkpoint checkpoint) {}

        @Override
        public Optional<Checkpoint> load(String sweepId) {
            return Optional.empty();
        }
    };
}
