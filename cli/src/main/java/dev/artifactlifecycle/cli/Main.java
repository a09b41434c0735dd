package dev.artifactlifecycle.cli;

import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.policy.PolicyException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. Exit codes: 0 done, nothing failed; 1 an action failed or the sweep failed; 2 invalid input. */
@Command(
        name = "artifact-lifecycle",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Keeps CI/CD and data-pipeline run artifacts in S3 in the right storage tier, run by run.",
        subcommands = {SweepCommand.class, ValidateCommand.class, InvokeCommand.class, DemoCommand.class, LocalCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done; no action failed", "1:an action failed, or the sweep failed",
            "2:invalid input (policy, flags, bucket, table, endpoint); nothing was changed"})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INVALID = 2;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;

    Main(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command line; what {@code main} does, minus the exit, for tests. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(env, out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof PolicyException || e instanceof InvalidInputException) {
                err.println("error: " + e.getMessage());
                err.println("Nothing was changed.");
                return EXIT_INVALID;
            }
            err.println("error: " + describe(e));
            return EXIT_FAILED;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'. Nothing was changed.");
            return EXIT_INVALID;
        });
        return cli.execute(args);
    }

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !b.toString().contains(c.getMessage())) {
                b.append(" (caused by: ").append(c.getMessage()).append(')');
            }
        }
        return b.toString();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"artifact-lifecycle " + (v == null ? "(development build)" : v)};
        }
    }
}
