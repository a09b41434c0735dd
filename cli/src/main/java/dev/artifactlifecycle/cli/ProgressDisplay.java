package dev.artifactlifecycle.cli;

import dev.artifactlifecycle.core.sweep.SweepProgress;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A one-line progress display on stderr, only when stderr is a terminal; never on stdout. */
final class ProgressDisplay implements AutoCloseable {
    private final SweepProgress progress;
    private final PrintStream err;
    private final ScheduledExecutorService timer;
    private final long started = System.nanoTime();

    private ProgressDisplay(SweepProgress progress, PrintStream err) {
        this.progress = progress;
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
    }

    static ProgressDisplay startIfTerminal(SweepProgress progress, PrintStream err) {
        return err == System.err && stderrIsTerminal() ? new ProgressDisplay(progress, err) : null;
    }

    /** Java 17 cannot ask about stderr directly; on Linux its descriptor links to the terminal device. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    private void draw() {
        double seconds = (System.nanoTime() - started) / 1e9;
        long done = progress.actionsDone.get();
        long planned = progress.actionsPlanned.get();
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && planned > done ? String.format(Locale.ROOT, ", ETA %.0f s", (planned - done) / rate)
                : "";
        err.print(String.format(Locale.ROOT, "\r%d objects listed, %d runs planned, %d/%d actions done (%.0f/s)%s   ",
                progress.objectsListed.get(), progress.runsPlanned.get(), done, planned, rate, eta));
        err.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        err.print("\r" + " ".repeat(100) + "\r");
        err.flush();
    }
}
