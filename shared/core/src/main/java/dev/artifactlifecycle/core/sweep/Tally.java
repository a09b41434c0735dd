package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.plan.ActionType;
import dev.artifactlifecycle.core.plan.PipelinePlan;
import dev.artifactlifecycle.core.plan.PlannedAction;
import dev.artifactlifecycle.core.plan.RunDecision;

/** Running totals of a sweep, or of the part of it a checkpoint covers. */
final class Tally {
    long pipelines;
    long runs;
    long objects;
    long bytes;
    long transitions;
    long transitionBytes;
    long deletes;
    long deleteBytes;
    long failed;
    long skippedSmall;

    /** A pipeline's plan-level counts. */
    void plan(long runCount, long objectCount, long byteCount, long skipped) {
        pipelines++;
        runs += runCount;
        objects += objectCount;
        bytes += byteCount;
        skippedSmall += skipped;
    }

    void plan(PipelinePlan plan) {
        long objectCount = 0;
        long byteCount = 0;
        for (RunDecision d : plan.runs()) {
            objectCount += d.run().objects().size();
            byteCount += d.run().sizeBytes();
        }
        plan(plan.runs().size(), objectCount, byteCount, plan.skippedSmall());
    }

    /** An action's outcome: done (or planned) actions count by type, failed ones as failures. */
    void result(ActionResult r) {
        PlannedAction a = r.action();
        if (r.outcome() == Outcome.FAILED) {
            failed++;
        } else if (a.type() == ActionType.TRANSITION) {
            transitions++;
            transitionBytes += a.object().sizeBytes();
        } else {
            deletes++;
            deleteBytes += a.object().sizeBytes();
        }
    }

    void add(SweepSummary s) {
        pipelines += s.pipelines();
        runs += s.runs();
        objects += s.objects();
        bytes += s.bytes();
        transitions += s.transitions();
        transitionBytes += s.transitionBytes();
        deletes += s.deletes();
        deleteBytes += s.deleteBytes();
        failed += s.failed();
        skippedSmall += s.skippedSmall();
    }

    /** Only the plan-level counts (for an act pass that starts from a held plan). */
    Tally planOnly() {
        Tally t = new Tally();
        t.pipelines = pipelines;
        t.runs = runs;
        t.objects = objects;
        t.bytes = bytes;
        t.skippedSmall = skippedSmall;
        return t;
    }

    SweepSummary summary(long orphans) {
        return new SweepSummary(pipelines, runs, objects, bytes, transitions, transitionBytes, deletes, deleteBytes,
                failed, skippedSmall, orphans);
    }
}
