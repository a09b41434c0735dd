package dev.artifactlifecycle.core.sweep;

import dev.artifactlifecycle.core.model.Finding;
import dev.artifactlifecycle.core.plan.Disposition;
import java.util.Locale;

/** The human report: a table per pipeline of runs kept / archived / long-term / expired, then totals. */
public final class SweepReportText {
    private SweepReportText() {}

    public static String render(SweepReport r, int maxActions) {
        StringBuilder b = new StringBuilder();
        boolean dry = r.mode() == Mode.DRY_RUN;
        b.append(dry ? "DRY RUN (nothing changed) " : "APPLIED ").append("sweep ").append(r.sweepId())
                .append(" on s3://").append(r.bucket()).append('/').append(r.prefix()).append(" as of ")
                .append(r.asOf()).append(" — status ").append(r.status()).append('\n');
        if (r.error() != null) {
            b.append("ERROR: ").append(r.error()).append('\n');
        }
        b.append('\n');
        String header = String.format(Locale.ROOT, "%-32s %-14s %16s %16s %16s %16s %6s %6s %6s%n", "PIPELINE", "RULE",
                "KEPT", "ARCHIVE", "LONG-TERM", "EXPIRE", "PINNED", "ACTIVE", "NORULE");
        b.append(header);
        for (PipelineReport p : r.pipelines()) {
            b.append(String.format(Locale.ROOT, "%-32s %-14s %16s %16s %16s %16s %6d %6d %6d%n", clip(p.pipeline(), 32),
                    clip(p.rule() == null ? "-" : p.rule(), 14), cell(p, Disposition.KEEP), cell(p, Disposition.ARCHIVE),
                    cell(p, Disposition.LONG_TERM), cell(p, Disposition.EXPIRE), p.runs(Disposition.PINNED),
                    p.runs(Disposition.IN_PROGRESS), p.runs(Disposition.NO_RULE)));
        }
        SweepSummary s = r.summary();
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%d pipelines, %d runs, %d objects (%s) examined; %d orphan keys%n",
                s.pipelines(), s.runs(), s.objects(), bytes(s.bytes()), s.orphans()));
        String verb = dry ? "would " : "";
        b.append(String.format(Locale.ROOT, "%stransition %d objects (%s), %sdelete %d objects (%s); %d failed; %d"
                + " too small to transition%n", verb, s.transitions(), bytes(s.transitionBytes()), verb, s.deletes(),
                bytes(s.deleteBytes()), s.failed(), s.skippedSmall()));
        if (!r.actions().isEmpty()) {
            b.append('\n').append(dry ? "Planned actions" : "Actions").append(":\n");
            int n = 0;
            for (ActionResult a : r.actions()) {
                if (n++ >= maxActions) {
                    b.append("  … and ").append(r.actions().size() - maxActions + r.actionsOmitted())
                            .append(" more (use --format json for all)\n");
                    break;
                }
                b.append("  ").append(String.format(Locale.ROOT, "%-7s %-10s %s", a.outcome(), a.action().type(),
                        a.action().key()));
                if (a.action().toStorageClass() != null) {
                    b.append("  ").append(a.action().object().storageClass()).append(" -> ")
                            .append(a.action().toStorageClass());
                }
                if (a.error() != null) {
                    b.append("  ERROR ").append(a.error());
                }
                b.append('\n');
            }
        }
        if (!r.findings().isEmpty()) {
            b.append("\nFindings:\n");
            for (Finding f : r.findings()) {
                b.append("  ").append(f.type()).append("  ").append(f.subject()).append("  ").append(f.message())
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static String cell(PipelineReport p, Disposition d) {
        long n = p.runs(d);
        return n == 0 ? "-" : n + " (" + bytes(p.bytes(d)) + ")";
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
