package dev.artifactlifecycle.cli;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.functions.DryRunHandler;
import dev.artifactlifecycle.functions.LocalContext;
import dev.artifactlifecycle.functions.SweepHandler;
import dev.artifactlifecycle.functions.UploadHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Runs a Lambda function's real handler in this process with a local Lambda context, like"
            + " `sam local invoke` without Docker. Configuration comes from the environment exactly as in Lambda"
            + " (ARTIFACT_BUCKET, AUDIT_TABLE, POLICY / POLICY_S3_URI / POLICY_FILE, AWS_ENDPOINT_URL*…),"
            + " plus --env-file.",
            "Prints the handler's response JSON on stdout; exits 1 when the handler fails or times out, 2 when its"
            + " configuration or the event is invalid."})
final class InvokeCommand implements Callable<Integer> {
    static final Map<String, String> FUNCTIONS = Map.of("sweep", "SweepFunction", "dry-run", "DryRunFunction",
            "upload", "UploadFunction");

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "sweep, dry-run or upload")
    String function;

    @Option(names = "--event", required = true, paramLabel = "FILE", description = "The event JSON (see events/).")
    Path event;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "KEY=VALUE lines added to (and overriding) the environment.")
    Path envFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "The function's timeout, as in Lambda (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        if (!FUNCTIONS.containsKey(function)) {
            throw new InvalidInputException("FUNCTION " + function + " is not one of sweep, dry-run, upload");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw new InvalidInputException("--timeout " + timeoutSeconds + " must be 1..900 seconds, as in Lambda");
        }
        byte[] payload;
        try {
            payload = Files.readAllBytes(event);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--event " + event + ": no such file; see events/ for samples");
        }
        Map<String, String> env = new HashMap<>(main.env);
        if (envFile != null) {
            env.putAll(readEnvFile(envFile));
        }
        RequestStreamHandler handler;
        try {
            handler = switch (function) {
                case "sweep" -> new SweepHandler(env);
                case "dry-run" -> new DryRunHandler(env);
                default -> new UploadHandler(env);
            };
        } catch (InvalidInputException e) {
            throw new InvalidInputException(FUNCTIONS.get(function) + " failed to initialise: " + e.getMessage(), e);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        LocalContext context = new LocalContext(FUNCTIONS.get(function), timeout, 1024, main.err);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            callWithTimeout(() -> {
                handler.handleRequest(new ByteArrayInputStream(payload), out, context);
                return null;
            }, timeout);
        } catch (TimeoutException e) {
            main.err.println("error: Task timed out after " + timeoutSeconds + " seconds");
            return Main.EXIT_FAILED;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidInputException invalid) {
                throw invalid;
            }
            main.err.println("error: " + FUNCTIONS.get(function) + " failed: " + Main.describe(cause));
            return Main.EXIT_FAILED;
        }
        main.out.println(out.toString(StandardCharsets.UTF_8));
        return Main.EXIT_OK;
    }

    /** Runs {@code work}, interrupting it (as Lambda stops a function) when it outlives {@code timeout}. */
    static <T> T callWithTimeout(Callable<T> work, Duration timeout) throws TimeoutException, ExecutionException {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-invoke");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> f = runner.submit(work);
            try {
                return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.cancel(true);
                throw new ExecutionException(e);
            }
        } finally {
            runner.shutdownNow();
        }
    }

    /** {@code KEY=VALUE} lines; blank lines, {@code #} comments and a leading {@code export} are allowed. */
    static Map<String, String> readEnvFile(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--env-file " + file + ": no such file");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InvalidInputException("--env-file " + file + " line " + (i + 1) + ": \"" + lines.get(i)
                        + "\" is not KEY=VALUE");
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            env.put(line.substring(0, eq), value);
        }
        return env;
    }
}
