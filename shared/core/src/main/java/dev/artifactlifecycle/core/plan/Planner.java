package dev.artifactlifecycle.core.plan;

import dev.artifactlifecycle.core.model.Finding;
import dev.artifactlifecycle.core.model.FindingType;
import dev.artifactlifecycle.core.model.Run;
import dev.artifactlifecycle.core.model.RunStatus;
import dev.artifactlifecycle.core.model.StorageClass;
import dev.artifactlifecycle.core.model.StoredObject;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.Rule;
import dev.artifactlifecycle.core.policy.Settings;
import dev.artifactlifecycle.core.scan.RunInspector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole decision, as a pure function of (the runs of one pipeline, the policy, asOf). Same input, same plan, in
 * the same order: runs newest first, objects in key order.
 */
public final class Planner {
    private static final Comparator<Run> NEWEST_FIRST = Comparator.comparing(Run::runTime).reversed()
            .thenComparing(Run::runId, Comparator.reverseOrder());
    private static final double SECONDS_PER_DAY = 86_400.0;

    private Planner() {}

    public static PipelinePlan plan(String pipeline, List<Run> runs, Policy policy, Instant asOf) {
        Optional<Rule> rule = policy.ruleFor(pipeline);
        List<Run> ordered = new ArrayList<>(runs);
        ordered.sort(NEWEST_FIRST);
        if (rule.isEmpty()) {
            List<RunDecision> decisions = new ArrayList<>();
            for (Run r : ordered) {
                decisions.add(new RunDecision(r, Disposition.NO_RULE, -1, ageDays(r, asOf),
                        "no rule of the policy matches pipeline " + pipeline));
            }
            return new PipelinePlan(pipeline, null, decisions, List.of(), List.of(), 0);
        }
        return new Planning(pipeline, rule.get(), policy, asOf).plan(ordered);
    }

    static double ageDays(Run r, Instant asOf) {
        return Duration.between(r.runTime(), asOf).getSeconds() / SECONDS_PER_DAY;
    }

    private static final class Planning {
        private final String pipeline;
        private final Rule rule;
        private final Policy policy;
        private final Instant asOf;
        private final List<RunDecision> decisions = new ArrayList<>();
        private final List<PlannedAction> actions = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private long skippedSmall;

        Planning(String pipeline, Rule rule, Policy policy, Instant asOf) {
            this.pipeline = pipeline;
            this.rule = rule;
            this.policy = policy;
            this.asOf = asOf;
        }

        PipelinePlan plan(List<Run> newestFirst) {
            int succeededRank = 0;
            int failedRank = 0;
            int graceDays = policy.defaults().inProgressGraceDays();
            for (Run run : newestFirst) {
                findings.addAll(run.findings());
                double age = ageDays(run, asOf);
                RunStatus status = run.status();
                if (status == RunStatus.IN_PROGRESS) {
                    if (age < graceDays) {
                        decisions.add(new RunDecision(run, Disposition.IN_PROGRESS, -1, age, "in progress, age "
                                + days(age) + " < inProgressGraceDays " + graceDays + "; not touched, not ranked"));
                        continue;
                    }
                    findings.add(new Finding(FindingType.STALE_IN_PROGRESS, run.prefix(), "in progress for "
                            + days(age) + " (>= inProgressGraceDays " + graceDays + "); treated as FAILED"));
                    status = RunStatus.FAILED;
                }
                boolean failed = status == RunStatus.FAILED;
                int rank = failed ? failedRank++ : succeededRank++;
                Settings s = failed ? rule.failedSettings() : rule.settings();
                decide(run, failed, rank, age, s);
            }
            return new PipelinePlan(pipeline, rule.name(), decisions, actions, findings, skippedSmall);
        }

        private void decide(Run run, boolean failed, int rank, double age, Settings s) {
            String kind = failed ? "failed run " : "run ";
            String rankText = kind + "rank " + rank;
            if (run.pinned()) {
                decisions.add(new RunDecision(run, Disposition.PINNED, rank, age, rankText
                        + "; pinned (retain in manifest or keep marker); never touched"));
                return;
            }
            if (rank < s.keepLastRuns()) {
                decisions.add(new RunDecision(run, Disposition.KEEP, rank, age, rankText + " < keepLastRuns "
                        + s.keepLastRuns()));
                return;
            }
            String ranked = rankText + " >= keepLastRuns " + s.keepLastRuns() + "; age " + days(age);
            if (s.maxRuns() != null && rank >= s.maxRuns()) {
                expire(run, rank, age, rankText + " >= maxRuns " + s.maxRuns());
            } else if (s.expireAfterDays() != null && age >= s.expireAfterDays()) {
                expire(run, rank, age, ranked + " >= expireAfterDays " + s.expireAfterDays());
            } else if (s.longTermAfterDays() != null && age >= s.longTermAfterDays()) {
                tier(run, Disposition.LONG_TERM, rank, age, s.longTermStorageClass(),
                        ranked + " >= longTermAfterDays " + s.longTermAfterDays() + " -> " + s.longTermStorageClass());
            } else if (s.archiveAfterDays() != null && age >= s.archiveAfterDays()) {
                tier(run, Disposition.ARCHIVE, rank, age, s.archiveStorageClass(),
                        ranked + " >= archiveAfterDays " + s.archiveAfterDays() + " -> " + s.archiveStorageClass());
            } else {
                decisions.add(new RunDecision(run, Disposition.KEEP, rank, age, ranked + " below every threshold"));
            }
        }

        private void expire(Run run, int rank, double age, String reason) {
            decisions.add(new RunDecision(run, Disposition.EXPIRE, rank, age, reason));
            for (StoredObject o : sortedObjects(run)) {
                if (policy.isProtected(o.key())) {
                    continue;
                }
                actions.add(new PlannedAction(ActionType.DELETE, o, pipeline, run.runId(), run.prefix(), null,
                        rule.name(), reason, RunInspector.isControlFile(o.key(), run.prefix(), policy.layout())));
            }
        }

        private void tier(Run run, Disposition d, int rank, double age, StorageClass target, String reason) {
            decisions.add(new RunDecision(run, d, rank, age, reason));
            for (StoredObject o : sortedObjects(run)) {
                if (policy.isProtected(o.key())) {
                    continue;
                }
                Optional<StorageClass> current = StorageClass.fromS3(o.storageClass());
                if (current.isEmpty()) {
                    findings.add(new Finding(FindingType.UNKNOWN_STORAGE_CLASS, o.key(), "storage class "
                            + o.storageClass() + " is not one this tool knows; not transitioned"));
                    continue;
                }
                if (current.get().isAtLeastAsColdAs(target)) {
                    continue; // never warmer; already there is nothing to do
                }
                if (current.get().requiresRestoreToCopy()) {
                    findings.add(new Finding(FindingType.REQUIRES_RESTORE, o.key(), "in " + current.get()
                            + "; S3 cannot copy it to " + target + " without a restore; left where it is"));
                    continue;
                }
                if (o.sizeBytes() < policy.defaults().minTransitionSizeBytes()) {
                    skippedSmall++;
                    continue;
                }
                actions.add(new PlannedAction(ActionType.TRANSITION, o, pipeline, run.runId(), run.prefix(), target,
                        rule.name(), reason, false));
            }
        }

        private static List<StoredObject> sortedObjects(Run run) {
            List<StoredObject> objects = new ArrayList<>(run.objects());
            objects.sort(Comparator.comparing(StoredObject::key));
            return objects;
        }
    }

    static String days(double age) {
        return String.format(Locale.ROOT, "%.1f d", age);
    }
}
