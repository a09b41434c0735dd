package dev.artifactlifecycle.core.plan;

import dev.artifactlifecycle.core.model.ObjectVersion;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.KeyTemplate;
import dev.artifactlifecycle.core.policy.Layout;
import dev.artifactlifecycle.core.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which noncurrent versions to delete for the policy's {@code noncurrentVersions.expireAfterDays}, with S3
 * Lifecycle's meaning: a version becomes noncurrent when the next one (or a delete marker) is written, and is deleted
 * once it has been noncurrent that many days. A key's delete marker goes too once nothing older is left behind it
 * (an "expired object delete marker"). Never touched: protected keys, keys that are not part of a run (orphans), and
 * the runs the caller says are pinned or in progress.
 */
public final class NoncurrentPlanner {
    public static final String RULE = "noncurrentVersions";

    private NoncurrentPlanner() {}

    /**
     * @param versions  ListObjectVersions order: keys ascending, each key's versions newest first
     * @param untouched run prefixes never to touch (pinned and in-progress runs)
     * @param selects   which pipelines the sweep covers
     */
    public static List<PlannedAction> plan(Iterator<ObjectVersion> versions, Policy policy, Instant asOf,
            Predicate<String> untouched, Predicate<String> selects) {
        Integer days = policy.noncurrentExpireAfterDays();
        List<PlannedAction> out = new ArrayList<>();
        if (days == null) {
            return out;
        }
        Layout layout = policy.layout();
        List<ObjectVersion> key = new ArrayList<>();
        while (versions.hasNext()) {
            ObjectVersion v = versions.next();
            if (!key.isEmpty() && !key.get(0).key().equals(v.key())) {
                planKey(key, days, layout, policy, asOf, untouched, selects, out);
                key.clear();
            }
            key.add(v);
        }
        if (!key.isEmpty()) {
            planKey(key, days, layout, policy, asOf, untouched, selects, out);
        }
        return out;
    }

    private static void planKey(List<ObjectVersion> newestFirst, int days, Layout layout, Policy policy, Instant asOf,
            Predicate<String> untouched, Predicate<String> selects, List<PlannedAction> out) {
        String key = newestFirst.get(0).key();
        if (!key.startsWith(layout.prefix()) || policy.isProtected(key)) {
            return;
        }
        Optional<KeyTemplate.Location> loc = layout.pattern().locate(key.substring(layout.prefix().length()));
        if (loc.isEmpty() || !selects.test(loc.get().pipeline())) {
            return;
        }
        String pipeline = loc.get().pipeline();
        String runId = loc.get().runId();
        String runPrefix = layout.prefix() + loc.get().runRelativePrefix();
        if (untouched.test(runPrefix)) {
            return;
        }
        int planned = 0;
        for (int i = 1; i < newestFirst.size(); i++) {
            ObjectVersion v = newestFirst.get(i);
            Instant since = newestFirst.get(i - 1).lastModified();
            double age = Duration.between(since, asOf).getSeconds() / 86_400.0;
            if (age >= days) {
                out.add(action(v, pipeline, runId, runPrefix, String.format(Locale.ROOT, "noncurrent since %s (%.1f d)"
                        + " >= noncurrentVersions.expireAfterDays %d", since, age, days)));
                planned++;
            }
        }
        ObjectVersion latest = newestFirst.get(0);
        double markerAge = Duration.between(latest.lastModified(), asOf).getSeconds() / 86_400.0;
        if (latest.latest() && latest.deleteMarker() && planned == newestFirst.size() - 1 && markerAge >= days) {
            out.add(action(latest, pipeline, runId, runPrefix, String.format(Locale.ROOT, "delete marker %.1f d old"
                    + " with no older version left behind it", markerAge)));
        }
    }

    private static PlannedAction action(ObjectVersion v, String pipeline, String runId, String runPrefix,
            String reason) {
        StoredObject o = new StoredObject(v.key(), v.sizeBytes(), v.deleteMarker() ? "DELETE_MARKER"
                : v.storageClass(), v.lastModified(), null, v.versionId());
        return new PlannedAction(ActionType.DELETE_VERSION, o, pipeline, runId, runPrefix, null, RULE, reason, false);
    }
}
