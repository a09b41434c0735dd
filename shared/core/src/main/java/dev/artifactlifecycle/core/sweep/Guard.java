package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.policy.Safety;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The policy's safety limits, checked against a whole plan before anything is changed. */
final class Guard {
    private Guard() {}

    /** What is over a limit, one sentence per limit, with by how much; empty when the plan is within both. */
    static List<String> violations(Safety safety, long deletes, long listed) {
        List<String> out = new ArrayList<>();
        if (deletes > safety.maxDeletesPerSweep()) {
            out.add(String.format(Locale.ROOT, "the plan deletes %,d objects, over safety.maxDeletesPerSweep %,d by"
                    + " %,d", deletes, safety.maxDeletesPerSweep(), deletes - safety.maxDeletesPerSweep()));
        }
        if (listed > 0 && safety.maxDeleteFraction() < 1.0) {
            long allowed = (long) Math.floor(safety.maxDeleteFraction() * listed);
            if (deletes > allowed) {
                out.add(String.format(Locale.ROOT, "the plan deletes %,d of the %,d objects listed (%.3f), over"
                        + " safety.maxDeleteFraction %s by %,d objects", deletes, listed, (double) deletes / listed,
                        fraction(safety.maxDeleteFraction()), deletes - allowed));
            }
        }
        return out;
    }

    private static String fraction(double f) {
        return String.format(Locale.ROOT, "%.3f", f).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
