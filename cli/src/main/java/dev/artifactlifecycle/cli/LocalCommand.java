package dev.artifactlifecycle.cli;

import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.local.LocalAws;
import dev.artifactlifecycle.local.SampleData;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Starts S3Mock and DynamoDB Local on loopback with a bucket and the audit table, prints the"
                + " variables to export, and keeps running until Ctrl-C (or --for elapses).")
final class LocalCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--bucket", defaultValue = "artifacts", description = "Bucket to create (default ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--audit-table", defaultValue = "artifact-lifecycle-audit",
            description = "Audit table to create (default ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--seed", description = "Fill the bucket with the demo's sample runs.")
    boolean seed;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Stop after this long (ISO-8601 duration such as PT30M); default: until Ctrl-C.")
    String duration;

    @Override
    public Integer call() throws InterruptedException {
        Duration limit = null;
        if (duration != null) {
            try {
                limit = Duration.parse(duration);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("--for " + duration + " is not an ISO-8601 duration; write e.g. PT30M");
            }
        }
        PrintStream out = main.out;
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "artifact-lifecycle-local-" + UUID.randomUUID());
        CountDownLatch stop = new CountDownLatch(1);
        try (LocalAws aws = LocalAws.start(root);
                S3Client s3 = aws.s3Client();
                DynamoDbClient ddb = aws.dynamoDbClient()) {
            Thread hook = new Thread(stop::countDown, "local-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            s3.createBucket(r -> r.bucket(bucket));
            DynamoDbAuditLog.createTable(ddb, table);
            if (seed) {
                SampleData.Seeded s = SampleData.seed(s3, bucket, Instant.now());
                out.println("# seeded s3://" + bucket + "/" + SampleData.PREFIX + ": " + s.runs() + " runs, "
                        + s.objects() + " objects");
            }
            out.println("# Local AWS is running. In another shell:");
            aws.environment().forEach((k, v) -> out.println("export " + k + "=" + v));
            out.println("export AUDIT_TABLE=" + table);
            out.println("# then e.g.: java -jar cli/target/artifact-lifecycle.jar sweep --bucket " + bucket
                    + " --policy infra/policies/demo.yaml");
            out.println("# Ctrl-C stops the emulators and removes their data.");
            out.flush();
            if (limit == null) {
                stop.await();
            } else {
                stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // Ctrl-C: the JVM is exiting and closes the emulators below
            }
        }
        return Main.EXIT_OK;
    }
}
