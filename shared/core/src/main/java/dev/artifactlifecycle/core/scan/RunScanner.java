package dev.artifactlifecycle.core.scan;

import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.KeyTemplate;
import dev.artifactlifecycle.core.policy.Layout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups a key-ordered listing into pipelines and runs, handing each pipeline over as soon as its last object is
 * listed. S3 lists keys in UTF-8 binary order, so all keys of a pipeline (one key prefix) arrive together: memory
 * holds one pipeline's objects, never the bucket's.
 */
public final class RunScanner {

    /** Receives each complete pipeline, in listing order, and each key that fits no run. */
    public interface Sink {
        void pipeline(String pipeline, List<RunObjects> runs);

        void orphan(StoredObject object);
    }

    private RunScanner() {}

    /**
     * @throws IllegalStateException if the listing is not in key order (a pipeline reappears after another one):
     *                               planning a pipeline from part of its runs could expire a run that is among the
     *                               newest, so the scan stops instead
     */
    public static void scan(Iterator<StoredObject> listing, Layout layout, Sink sink) {
        String prefix = layout.prefix();
        KeyTemplate pattern = layout.pattern();
        Set<String> finished = new HashSet<>();
        String current = null;
        Map<String, List<StoredObject>> runs = new LinkedHashMap<>();
        while (listing.hasNext()) {
            StoredObject o = listing.next();
            if (!o.key().startsWith(prefix)) {
                sink.orphan(o);
                continue;
            }
            Optional<KeyTemplate.Location> at = pattern.locate(o.key().substring(prefix.length()));
            if (at.isEmpty()) {
                sink.orphan(o);
                continue;
            }
            KeyTemplate.Location loc = at.get();
            if (!loc.pipeline().equals(current)) {
                if (current != null) {
                    emit(current, runs, prefix, sink);
                    finished.add(current);
                }
                if (finished.contains(loc.pipeline())) {
                    throw new IllegalStateException("the listing is not in key order: pipeline '" + loc.pipeline()
                            + "' reappeared at " + o.key() + "; S3 lists keys in order, so the object source is"
                            + " faulty; nothing more is planned");
                }
                current = loc.pipeline();
                runs = new LinkedHashMap<>();
            }
            runs.computeIfAbsent(loc.runId(), k -> new ArrayList<>()).add(o);
        }
        if (current != null) {
            emit(current, runs, prefix, sink);
        }
    }

    private static void emit(String pipeline, Map<String, List<StoredObject>> runs, String prefix, Sink sink) {
        List<RunObjects> out = new ArrayList<>(runs.size());
        for (var e : runs.entrySet()) {
            out.add(new RunObjects(pipeline, e.getKey(), prefix + pipeline + "/" + e.getKey() + "/", e.getValue()));
        }
        sink.pipeline(pipeline, out);
    }
}
