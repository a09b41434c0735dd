package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.plan.ActionType;
import dev.artifactlifecycle.core.plan.PlannedAction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Carries out one pipeline's actions with bounded concurrency. Transitions run one object per call; deletes go in
 * batches of at most {@link ObjectStore#MAX_DELETE_BATCH} keys. A run's manifest and markers are deleted only after
 * all its other objects are gone, so a half-failed expiry leaves a run the next sweep still recognises whole. One
 * failed object never stops the others.
 */
final class ActionExecutor {
    private final ObjectStore store;
    private final ExecutorService pool;
    private final Clock clock;

    ActionExecutor(ObjectStore store, ExecutorService pool, Clock clock) {
        this.store = store;
        this.pool = pool;
        this.clock = clock;
    }

    /** Results in the same order as {@code actions}. */
    List<ActionResult> execute(String bucket, List<PlannedAction> actions, Consumer<Integer> onDone) {
        Map<PlannedAction, ActionResult> results = new HashMap<>();
        List<CompletableFuture<Void>> phaseOne = new ArrayList<>();
        List<PlannedAction> dataDeletes = new ArrayList<>();
        List<PlannedAction> controlDeletes = new ArrayList<>();
        for (PlannedAction a : actions) {
            if (a.type() == ActionType.TRANSITION) {
                phaseOne.add(CompletableFuture.runAsync(() -> {
                    ActionResult r = result(a, transition(bucket, a));
                    synchronized (results) {
                        results.put(a, r);
                    }
                    onDone.accept(1);
                }, pool));
            } else if (a.controlFile()) {
                controlDeletes.add(a);
            } else {
                dataDeletes.add(a);
            }
        }
        phaseOne.addAll(deleteInBatches(bucket, dataDeletes, results, onDone));
        join(phaseOne);

        Set<String> runsWithFailedDeletes = new HashSet<>();
        for (PlannedAction a : dataDeletes) {
            if (results.get(a).outcome() == Outcome.FAILED) {
                runsWithFailedDeletes.add(a.runPrefix());
            }
        }
        List<PlannedAction> deletableControls = new ArrayList<>();
        for (PlannedAction a : controlDeletes) {
            if (runsWithFailedDeletes.contains(a.runPrefix())) {
                results.put(a, new ActionResult(a, Outcome.FAILED, "not attempted: other objects of this run failed"
                        + " to delete; its manifest and markers are kept so the next sweep sees the run whole",
                        clock.instant()));
                onDone.accept(1);
            } else {
                deletableControls.add(a);
            }
        }
        join(deleteInBatches(bucket, deletableControls, results, onDone));

        List<ActionResult> ordered = new ArrayList<>(actions.size());
        for (PlannedAction a : actions) {
            ordered.add(results.get(a));
        }
        return ordered;
    }

    private List<CompletableFuture<Void>> deleteInBatches(String bucket, List<PlannedAction> deletes,
            Map<PlannedAction, ActionResult> results, Consumer<Integer> onDone) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int from = 0; from < deletes.size(); from += ObjectStore.MAX_DELETE_BATCH) {
            List<PlannedAction> batch = deletes.subList(from, Math.min(deletes.size(), from + ObjectStore.MAX_DELETE_BATCH));
            futures.add(CompletableFuture.runAsync(() -> {
                List<ObjectOutcome> outcomes = delete(bucket, batch);
                synchronized (results) {
                    for (int i = 0; i < batch.size(); i++) {
                        results.put(batch.get(i), result(batch.get(i), outcomes.get(i)));
                    }
                }
                onDone.accept(batch.size());
            }, pool));
        }
        return futures;
    }

    private ObjectOutcome transition(String bucket, PlannedAction a) {
        try {
            return store.transition(bucket, a.object(), a.toStorageClass());
        } catch (RuntimeException e) {
            return ObjectOutcome.failed(a.key(), e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private List<ObjectOutcome> delete(String bucket, List<PlannedAction> batch) {
        List<StoredObject> objects = batch.stream().map(PlannedAction::object).toList();
        try {
            List<ObjectOutcome> outcomes = store.delete(bucket, objects);
            if (outcomes.size() != batch.size()) {
                throw new IllegalStateException("the object store answered " + outcomes.size() + " outcomes for "
                        + batch.size() + " deletes");
            }
            return outcomes;
        } catch (RuntimeException e) {
            // The whole request failed: every key in it is unconfirmed, so every key is FAILED.
            return objects.stream().map(o -> ObjectOutcome.failed(o.key(), e.getClass().getSimpleName(),
                    e.getMessage())).toList();
        }
    }

    private ActionResult result(PlannedAction a, ObjectOutcome o) {
        return new ActionResult(a, o.succeeded() ? Outcome.DONE : Outcome.FAILED, o.error(), clock.instant(),
                o.deleteMarkerVersionId());
    }

    private static void join(List<CompletableFuture<Void>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }
}
