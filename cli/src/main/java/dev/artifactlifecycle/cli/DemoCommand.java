package dev.artifactlifecycle.cli;

import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.aws.DynamoDbLeaseStore;
import dev.artifactlifecycle.aws.S3ObjectSource;
import dev.artifactlifecycle.aws.S3ObjectStore;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.ActionResult;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.Outcome;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepReportText;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.Trigger;
import dev.artifactlifecycle.local.LocalAws;
import dev.artifactlifecycle.local.SampleData;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts S3Mock and DynamoDB Local on loopback, seeds a sample bucket (3 pipelines, 114 runs over"
                + " two years), prints the dry-run plan, applies it, prints the result and the audit rows of one run,"
                + " and shuts everything down. Needs nothing but the Maven build.")
final class DemoCommand implements Callable<Integer> {
    static final String BUCKET = "artifacts-demo";
    static final String TABLE = "artifact-lifecycle-audit";
    static final String POLICY_RESOURCE = "/policies/demo.yaml";

    @ParentCommand
    Main main;

    @Option(names = "--actions-shown", paramLabel = "N", defaultValue = "25",
            description = "How many actions each report lists (default ${DEFAULT-VALUE}).")
    int actionsShown;

    @Override
    public Integer call() throws IOException {
        PrintStream out = main.out;
        Policy policy = demoPolicy();
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "artifact-lifecycle-demo-" + UUID.randomUUID());
        out.println("Starting S3Mock and DynamoDB Local on loopback…");
        try (LocalAws aws = LocalAws.start(root);
                S3Client s3 = aws.s3Client();
                DynamoDbClient ddb = aws.dynamoDbClient()) {
            out.println("  S3:       " + aws.s3Endpoint());
            out.println("  DynamoDB: " + aws.dynamoDbEndpoint());
            s3.createBucket(r -> r.bucket(BUCKET));
            DynamoDbAuditLog.createTable(ddb, TABLE);
            Clock clock = Clock.systemUTC();
            Instant now = clock.instant();
            SampleData.Seeded seeded = SampleData.seed(s3, BUCKET, now);
            out.println("Seeded s3://" + BUCKET + "/" + SampleData.PREFIX + " with " + seeded.runs() + " runs, "
                    + seeded.objects() + " objects, " + SweepReportText.bytes(seeded.bytes()) + ".");
            out.println("Policy: infra/policies/demo.yaml (sha256 " + policy.sha256() + ")");
            policy.warnings().forEach(w -> out.println("warning: " + w));

            DynamoDbAuditLog audit = new DynamoDbAuditLog(ddb, TABLE, DynamoDbAuditLog.DEFAULT_RETENTION);
            SweepService service = new SweepService(new S3ObjectSource(s3), new S3ObjectStore(s3, policy.layout()), audit,
                    new DynamoDbLeaseStore(ddb, TABLE), clock);
            SecureRandom random = new SecureRandom();

            out.println();
            out.println("=== 1. Dry run: what the policy would do ===");
            SweepReport dry = service.sweep(new SweepRequest(SweepId.of(clock.instant(), random), BUCKET, policy,
                    Mode.DRY_RUN, Trigger.CLI, clock.instant(), List.of(), SweepRequest.DEFAULT_CONCURRENCY, null));
            out.print(SweepReportText.render(dry, actionsShown));

            out.println();
            out.println("=== 2. Apply ===");
            Instant applyAt = clock.instant();
            SweepReport applied = service.sweep(new SweepRequest(SweepId.of(applyAt, random), BUCKET, policy,
                    Mode.APPLY, Trigger.CLI, applyAt, List.of(), SweepRequest.DEFAULT_CONCURRENCY, null));
            out.print(SweepReportText.render(applied, actionsShown));

            out.println();
            out.println("=== 3. The audit trail of one run (DynamoDB table " + TABLE + ") ===");
            printAuditOfOneRun(out, ddb, applied);
            return applied.exitCode() == 0 && dry.exitCode() == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
        } finally {
            out.println();
            out.println("Emulators stopped; nothing was left behind.");
        }
    }

    static Policy demoPolicy() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo policy " + POLICY_RESOURCE + " is missing from the build");
            }
            return PolicyLoader.parse(in.readAllBytes(), "demo.yaml");
        }
    }

    private static void printAuditOfOneRun(PrintStream out, DynamoDbClient ddb, SweepReport applied) {
        ActionResult sample = applied.actions().stream().filter(a -> a.outcome() != Outcome.PLANNED)
                .filter(a -> a.action().type() == dev.artifactlifecycle.core.plan.ActionType.TRANSITION)
                .findFirst()
                .orElse(applied.actions().isEmpty() ? null : applied.actions().get(0));
        if (sample == null) {
            out.println("(the apply changed nothing, so there is no action to show)");
            return;
        }
        String pk = DynamoDbAuditLog.runPk(applied.bucket(), sample.action().runPrefix());
        out.println("aws dynamodb query --table-name " + TABLE + " --key-condition-expression 'pk = :pk'"
                + " --expression-attribute-values '{\":pk\":{\"S\":\"" + pk + "\"}}'");
        List<Map<String, AttributeValue>> items = ddb.query(r -> r.tableName(TABLE)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
        for (Map<String, AttributeValue> i : items) {
            out.println("  " + str(i, "action") + " " + str(i, "key") + "  " + str(i, "fromStorageClass")
                    + (i.containsKey("toStorageClass") ? " -> " + str(i, "toStorageClass") : "") + "  "
                    + str(i, "sizeBytes") + " B  " + str(i, "outcome") + "  rule " + str(i, "rule") + ": "
                    + str(i, "reason"));
        }
        Map<String, AttributeValue> summary = ddb.getItem(r -> r.tableName(TABLE).key(Map.of(
                "pk", AttributeValue.fromS("SWEEP#" + applied.sweepId()), "sk", AttributeValue.fromS("SUMMARY"))))
                .item();
        out.println("Sweep summary item SWEEP#" + applied.sweepId() + ": status " + str(summary, "status") + ", "
                + str(summary, "transitions") + " transitions, " + str(summary, "deletes") + " deletes, "
                + str(summary, "failed") + " failed; audit items expire (TTL) at epoch "
                + str(summary, "expiresAt") + " (" + DynamoDbAuditLog.DEFAULT_RETENTION.toDays() + " days after the sweep)");
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null) {
            return "-";
        }
        return v.s() != null ? v.s() : v.n();
    }
}
