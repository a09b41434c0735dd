package dev.artifactlifecycle.functions;

import dev.artifactlifecycle.aws.AwsClients;
import dev.artifactlifecycle.aws.AwsEnvironment;
import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.aws.DynamoDbEventLedger;
import dev.artifactlifecycle.aws.DynamoDbLeaseStore;
import dev.artifactlifecycle.aws.S3ObjectSource;
import dev.artifactlifecycle.aws.S3ObjectStore;
import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyException;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.ObjectStore;
import dev.artifactlifecycle.core.sweep.ReadOnlyObjectStore;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.Trigger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a function container holds for its whole life: the validated configuration and one S3 and one DynamoDB
 * client. Built in the handler's constructor (Lambda's init phase, before a SnapStart snapshot); building it makes no
 * network call.
 */
public final class FunctionRuntime {
    private final FunctionConfig config;
    private final S3Client s3;
    private final DynamoDbClient ddb;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public FunctionRuntime(FunctionConfig config, S3Client s3, DynamoDbClient ddb, Clock clock) {
        this.config = config;
        this.s3 = s3;
        this.ddb = ddb;
        this.clock = clock;
    }

    /** @throws InvalidInputException listing every configuration problem */
    public static FunctionRuntime fromEnvironment(Map<String, String> env) {
        FunctionConfig config = FunctionConfig.from(env);
        AwsEnvironment aws = AwsEnvironment.from(env);
        FunctionRuntime runtime = new FunctionRuntime(config, AwsClients.s3(aws, config.concurrency()),
                AwsClients.dynamoDb(aws), Clock.systemUTC());
        Priming.run();
        return runtime;
    }

    public FunctionConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The policy: as configured at init, or read from S3 now (so an updated policy applies at once). */
    public Policy policy() {
        if (config.policy() != null) {
            return config.policy();
        }
        FunctionConfig.S3Location at = config.policyS3();
        byte[] bytes;
        try {
            bytes = s3.getObjectAsBytes(r -> r.bucket(at.bucket()).key(at.key())).asByteArray();
        } catch (SdkException e) {
            throw new InvalidInputException("cannot read the policy at " + FunctionConfig.POLICY_S3_URI + "=" + at
                    + ": " + e.getMessage(), e);
        }
        Policy p;
        try {
            p = PolicyLoader.parse(bytes, at.key());
        } catch (PolicyException e) {
            throw new InvalidInputException(FunctionConfig.POLICY_S3_URI + "=" + at + ": " + e.getMessage(), e);
        }
        if (config.prefix() != null) {
            List<String> problems = new ArrayList<>();
            FunctionConfig.checkPrefix(p, config.prefix(), problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems.get(0));
            }
        }
        return p;
    }

    /** Events already handled, in the audit table. */
    public DynamoDbEventLedger events() {
        return new DynamoDbEventLedger(ddb, config.auditTable());
    }

    /**
     * Runs one sweep; a DRY_RUN gets a store that cannot change S3. Applies take leases in the audit table, so two
     * sweeps over the same runs never act at once.
     */
    public SweepReport sweep(Policy requested, Mode mode, Trigger trigger, Instant asOf, List<Glob> pipelines,
            boolean force) {
        Policy policy = config.dryRunOnly() ? requested.withDryRunOnly() : requested;
        ObjectStore store = mode == Mode.APPLY ? new S3ObjectStore(s3) : ReadOnlyObjectStore.INSTANCE;
        DynamoDbAuditLog audit = new DynamoDbAuditLog(ddb, config.auditTable(), config.auditRetention());
        SweepService service = new SweepService(new S3ObjectSource(s3), store, audit,
                new DynamoDbLeaseStore(ddb, config.auditTable()), clock);
        Instant start = clock.instant();
        return service.sweep(new SweepRequest(SweepId.of(start, random), config.bucket(), policy, mode, trigger,
                asOf == null ? start : asOf, pipelines, config.concurrency(), null, SweepHandler.MAX_ACTIONS_RETURNED,
                force));
    }
}
