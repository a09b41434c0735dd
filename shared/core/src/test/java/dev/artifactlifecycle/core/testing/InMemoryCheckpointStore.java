package dev.artifactlifecycle.core.testing;

import dev.artifactlifecycle.core.sweep.Checkpoint;
import dev.artifactlifecycle.core.sweep.CheckpointStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, Checkpoint> byId = new ConcurrentHashMap<>();
    public final List<Checkpoint> saved = new CopyOnWriteArrayList<>();

    @Override
    public void save(Checkpoint checkpoint) {
        saved.add(checkpoint);
        byId.put(checkpoint.sweepId(), checkpoint);
    }

    @Override
    public Optional<Checkpoint> load(String sweepId) {
        return Optional.ofNullable(byId.get(sweepId));
    }

    @Override
    public void clear(String sweepId) {
        byId.remove(sweepId);
    }
}
