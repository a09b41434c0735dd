package dev.artifactlifecycle.core.scan;

import dev.artifactlifecycle.core.model.StoredObject;
import java.util.List;

/** The objects of one run as listed, before its manifest and markers are read. {@code prefix} ends in "/". */
public record RunObjects(String pipeline, String runId, String prefix, List<StoredObject> objects) {
    public RunObjects {
        objects = List.copyOf(objects);
    }

    public boolean contains(String key) {
        for (StoredObject o : objects) {
            if (o.key().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
