package dev.artifactlifecycle.functions;

import dev.artifactlifecycle.aws.AwsClients;
import dev.artifactlifecycle.aws.AwsEnvironment;
import dev.artifactlifecycle.aws.DynamoDbAuditLog;
import dev.artifactlifecycle.aws.DynamoDbCheckpointStore;
import dev.artifactlifecycle.aws.LambdaAsyncInvoker;
import dev.artifactlifecycle.aws.DynamoDbEventLedger;
import dev.artifactlifecycle.aws.DynamoDbLeaseStore;
import dev.artifactlifecycle.aws.S3ObjectSource;
import dev.artifactlifecycle.aws.S3ObjectStore;
import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyException;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.Checkpoint;
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
import java.util.function.BooleanSupplier;
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
    private final Continuation continuation;
    private final SecureRandom random = new SecureRandom();

    public FunctionRuntime(FunctionConfig config, S3Client s3, DynamoDbClient ddb, Clock clock) {
        this(config, s3, ddb, clock, (arn, id) -> {
            throw new IllegalStateException("this runtime cannot continue sweep " + id + " in a new invocation");
        });
    }

    FunctionRuntime(FunctionConfig config, S3Client s3, DynamoDbClient ddb, Clock clock, Continuation continuation) {
        this.config = config;
        this.s3 = s3;
        this.ddb = ddb;
        this.clock = clock;
        this.continuation = continuation;
    }

    /** @throws InvalidInputException listing every configuration problem */
    public static FunctionRuntime fromEnvironment(Map<String, String> env) {
        FunctionConfig config = FunctionConfig.from(env);
        AwsEnvironment aws = AwsEnvironment.from(env);
        // Built on first use: most invocations never continue, and a cold start should not pay for it.
        Continuation continuation = new Continuation() {
            private LambdaAsyncInvoker lambda;

            @Override
            public synchronized void continueSweep(String functionArn, String sweepId) {
                if (lambda == null) {
                    lambda = new LambdaAsyncInvoker(aws, AwsClients.httpClient(aws));
                }
                lambda.invokeAsync(functionArn, "{\"resume\":\"" + sweepId + "\"}");
            }
        };
        FunctionRuntime runtime = new FunctionRuntime(config, AwsClients.s3(aws, config.concurrency()),
                AwsClients.dynamoDb(aws), Clock.systemUTC(), continuation);
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

    public Continuation continuation() {
        return continuation;
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
        return sweep(requested, mode, trigger, asOf, pipelines, force, () -> false);
    }

    /** @param timeUp asked between pipelines; true stops the apply with a checkpoint (status CONTINUED) */
    public SweepReport sweep(Policy requested, Mode mode, Trigger trigger, Instant asOf, List<Glob> pipelines,
            boolean force, BooleanSupplier timeUp) {
        Instant start = clock.instant();
        return service(mode, requested).sweep(new SweepRequest(SweepId.of(start, random), config.bucket(),
                killSwitched(requested), mode, trigger, asOf == null ? start : asOf, pipelines, config.concurrency(),
                null, SweepHandler.MAX_ACTIONS_RETURNED, force).withTimeUp(timeUp));
    }

    /**
     * Continues a checkpointed apply under its own sweep id.
     *
     * @throws InvalidInputException when there is no checkpoint, or the policy changed since the sweep started
     */
    public SweepReport resume(String sweepId, BooleanSupplier timeUp) {
        Checkpoint cp = new DynamoDbCheckpointStore(ddb, config.auditTable()).load(sweepId)
                .orElseThrow(() -> new InvalidInputException("there is no checkpoint for sweep " + sweepId + " in "
                        + config.auditTable() + ": it finished, never checkpointed, or checkpointed more than 30 days"
                        + " ago; start a new sweep instead"));
        if (!cp.bucket().equals(config.bucket())) {
            throw new InvalidInputException("sweep " + sweepId + " swept bucket " + cp.bucket() + ", not "
                    + config.bucket());
        }
        SweepRequest request;
        try {
            request = SweepRequest.resuming(cp, killSwitched(policy()), clock.instant(), config.concurrency(), null,
                    SweepHandler.MAX_ACTIONS_RETURNED);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        if (request.policy().dryRunOnly()) {
            throw new InvalidInputException("the kill switch is on; sweep " + sweepId + " stays checkpointed: resume"
                    + " it (payload {\"resume\": \"" + sweepId + "\"}) once the switch is off");
        }
        return service(Mode.APPLY, request.policy()).sweep(request.withTimeUp(timeUp));
    }

    private Policy killSwitched(Policy requested) {
        return config.dryRunOnly() ? requested.withDryRunOnly() : requested;
    }

    private SweepService service(Mode mode, Policy policy) {
        ObjectStore store = mode == Mode.APPLY ? new S3ObjectStore(s3, policy.layout()) : ReadOnlyObjectStore.INSTANCE;
        DynamoDbAuditLog audit = new DynamoDbAuditLog(ddb, config.auditTable(), config.auditRetention());
        return new SweepService(new S3ObjectSource(s3), store, audit, new DynamoDbLeaseStore(ddb, config.auditTable()),
                new DynamoDbCheckpointStore(ddb, config.auditTable()), clock);
    }
}
