package dev.artifactlifecycle.cli;

import dev.artifactlifecycle.aws.AwsClients;
import dev.artifactlifecycle.aws.AwsEnvironment;
import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.aws.DynamoDbCheckpointStore;
import dev.artifactlifecycle.aws.DynamoDbLeaseStore;
import dev.artifactlifecycle.aws.S3ObjectSource;
import dev.artifactlifecycle.aws.S3ObjectStore;
import dev.artifactlifecycle.aws.S3Preflight;
import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.IsoTime;
import dev.artifactlifecycle.core.KillSwitch;
import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.AuditLog;
import dev.artifactlifecycle.core.sweep.Checkpoint;
import dev.artifactlifecycle.core.sweep.CheckpointStore;
import dev.artifactlifecycle.core.sweep.LeaseStore;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.ObjectStore;
import dev.artifactlifecycle.core.sweep.ReadOnlyObjectStore;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepReportJson;
import dev.artifactlifecycle.core.sweep.SweepReportText;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.SweepStatus;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Applies a policy to a bucket: shows (dry run, the default) or performs (--apply) the"
            + " transitions and deletions it calls for, run by run.",
            "AWS settings come from the SDK's usual places: credentials chain, AWS_REGION, AWS_ENDPOINT_URL,"
            + " AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_DYNAMODB."})
final class SweepCommand implements Callable<Integer> {
    /** The text report lists this many actions; --format json lists them all. */
    static final int TEXT_ACTIONS_SHOWN = 100;

    @ParentCommand
    Main main;

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "The S3 bucket to sweep.")
    String bucket;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "Policy file, JSON or YAML.")
    Path policyFile;

    static final class ModeFlags {
        @Option(names = "--dry-run", description = "Show what would happen; change nothing (the default).")
        boolean dryRun;

        @Option(names = "--apply", description = "Perform the transitions and deletions, and audit each one.")
        boolean apply;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ModeFlags mode = new ModeFlags();

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "Dry run only: plan as if it were this time (ISO-8601, e.g. 2027-01-01 or"
                    + " 2027-01-01T00:00:00Z), to forecast what the policy will do.")
    String asOf;

    @Option(names = "--pipeline", paramLabel = "GLOB",
            description = "Only pipelines matching this glob (repeatable). * stays within a segment, ** crosses.")
    List<String> pipelines = new ArrayList<>();

    static final class AuditFlags {
        @Option(names = "--audit-table", paramLabel = "TABLE",
                description = "DynamoDB audit table (default: $AUDIT_TABLE). Required with --apply.")
        String table;

        @Option(names = "--no-audit", description = "Write no audit (allowed with --apply only by saying so).")
        boolean none;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    AuditFlags audit = new AuditFlags();

    @Option(names = "--audit-retention-days", paramLabel = "DAYS", defaultValue = "400",
            description = "Days audit items live before DynamoDB's TTL removes them (default ${DEFAULT-VALUE}).")
    int auditRetentionDays;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Report format on stdout (default ${DEFAULT-VALUE}). Logs and progress go to stderr.")
    String format;

    @Option(names = "--force", description = "With --apply: go ahead even when the plan is over the policy's safety"
            + " limits (safety.maxDeletesPerSweep, safety.maxDeleteFraction). The audit records that it was forced.")
    boolean force;

    @Option(names = "--resume", paramLabel = "SWEEP_ID", description = "Continue an apply that stopped (killed,"
            + " interrupted, or a Lambda chain that broke) from its last checkpoint, under the same sweep id: the"
            + " pipelines it finished are skipped. Implies --apply; keeps the sweep's own pipelines and --force.")
    String resume;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "S3 requests in flight at once, 1..256 (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Override
    public Integer call() {
        boolean apply = mode.apply || resume != null;
        // Everything the command line says is checked before the first network call.
        if (resume != null) {
            if (!SweepId.isValid(resume)) {
                throw new InvalidInputException("--resume " + resume + " is not a sweep id; use the sweepId of the"
                        + " sweep to continue, e.g. 20261121T020000Z-3f9a1c0b");
            }
            if (mode.dryRun || asOf != null || !pipelines.isEmpty() || force) {
                throw new InvalidInputException("--resume continues an apply with the pipelines and --force it"
                        + " started with; drop --dry-run, --as-of, --pipeline and --force");
            }
            if (audit.none) {
                throw new InvalidInputException("--resume reads the sweep's checkpoint from the audit table; drop"
                        + " --no-audit and pass --audit-table (or set AUDIT_TABLE)");
            }
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new InvalidInputException("--format " + format + " is not a format; use text or json");
        }
        if (apply && asOf != null) {
            throw new InvalidInputException("--as-of " + asOf + " is only allowed with a dry run: an apply always"
                    + " acts on the current time; drop --as-of or --apply");
        }
        if (force && !apply) {
            throw new InvalidInputException("--force only matters with --apply (it lets an apply past the policy's"
                    + " safety limits); a dry run already reports what the guard would say; add --apply or drop"
                    + " --force");
        }
        if (concurrency < 1 || concurrency > SweepRequest.MAX_CONCURRENCY) {
            throw new InvalidInputException("--concurrency " + concurrency + " is out of range; use 1.."
                    + SweepRequest.MAX_CONCURRENCY);
        }
        if (auditRetentionDays < 1) {
            throw new InvalidInputException("--audit-retention-days " + auditRetentionDays + " must be at least 1");
        }
        if (bucket.isBlank()) {
            throw new InvalidInputException("--bucket is empty; name the bucket to sweep");
        }
        List<Glob> globs = new ArrayList<>();
        for (String p : pipelines) {
            try {
                globs.add(Glob.compile(p));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--pipeline " + p + " is not a valid glob: " + e.getMessage());
            }
        }
        String table = audit.none ? null : audit.table != null ? audit.table : blankToNull(main.env.get("AUDIT_TABLE"));
        if (apply && table == null && !audit.none) {
            throw new InvalidInputException("--apply needs an audit table so every change is recorded: pass"
                    + " --audit-table TABLE (or set AUDIT_TABLE), or say --no-audit");
        }
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        Instant at = asOf == null ? now : IsoTime.parse(asOf).orElseThrow(() -> new InvalidInputException("--as-of "
                + asOf + " is not an ISO-8601 time; write e.g. 2027-01-01 or 2027-01-01T02:00:00Z"));
        boolean killSwitch = KillSwitch.fromEnvironment(main.env);
        Policy policy = PolicyLoader.load(policyFile);
        if (killSwitch) {
            policy = policy.withDryRunOnly();
        }
        if (apply && policy.dryRunOnly()) {
            main.err.println("warning: the kill switch is on (" + KillSwitch.ENV + " or the policy's safety.dryRunOnly):"
                    + " --apply runs as a dry run and changes nothing");
        }
        policy.warnings().forEach(w -> main.err.println("warning: " + w));

        AwsEnvironment awsEnv = AwsEnvironment.from(main.env);
        try (S3Client s3 = AwsClients.s3(awsEnv, concurrency);
                DynamoDbClient ddb = table == null ? null : AwsClients.dynamoDb(awsEnv)) {
            S3Preflight.requireBucket(s3, bucket);
            AuditLog auditLog = AuditLog.NONE;
            // Leases live in the audit table; --no-audit runs uncoordinated, which the README warns about.
            LeaseStore leases = LeaseStore.NONE;
            CheckpointStore checkpoints = CheckpointStore.NONE;
            if (table != null) {
                DynamoDbAuditLog log = new DynamoDbAuditLog(ddb, table, Duration.ofDays(auditRetentionDays));
                log.requireTable();
                auditLog = log;
                leases = new DynamoDbLeaseStore(ddb, table);
                checkpoints = new DynamoDbCheckpointStore(ddb, table);
            }
            ObjectStore store = apply ? new S3ObjectStore(s3, policy.layout()) : ReadOnlyObjectStore.INSTANCE;
            SweepService service = new SweepService(new S3ObjectSource(s3), store, auditLog, leases, checkpoints,
                    clock);
            SweepRequest request;
            if (resume != null) {
                Checkpoint cp = checkpoints.load(resume).orElseThrow(() -> new InvalidInputException("there is no"
                        + " checkpoint for sweep " + resume + " in " + table + ": it finished, never finished a"
                        + " pipeline, or checkpointed more than 30 days ago; start a new sweep instead"));
                if (!cp.bucket().equals(bucket)) {
                    throw new InvalidInputException("sweep " + resume + " swept bucket " + cp.bucket() + ", not "
                            + bucket);
                }
                if (policy.dryRunOnly()) {
                    throw new InvalidInputException("the kill switch is on; sweep " + resume + " stays"
                            + " checkpointed: resume it once the switch is off");
                }
                try {
                    request = SweepRequest.resuming(cp, policy, now, concurrency, null, Integer.MAX_VALUE);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(e.getMessage(), e);
                }
            } else {
                request = new SweepRequest(SweepId.of(now, new SecureRandom()), bucket, policy,
                        apply ? Mode.APPLY : Mode.DRY_RUN, Trigger.CLI, at, globs, concurrency, null,
                        Integer.MAX_VALUE, force);
            }
            SweepReport report;
            try (ProgressDisplay ignored = ProgressDisplay.startIfTerminal(request.progress(), main.err)) {
                report = service.sweep(request);
            }
            if (format.equals("json")) {
                main.out.println(SweepReportJson.toJsonString(report, Integer.MAX_VALUE));
            } else {
                main.out.print(SweepReportText.render(report, TEXT_ACTIONS_SHOWN));
            }
            if (report.error() != null) {
                String what = report.status() == SweepStatus.ABORTED ? " was aborted: " : " failed: ";
                main.err.println("error: sweep " + report.sweepId() + what + report.error());
            }
            return report.exitCode();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
