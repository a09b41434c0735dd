package dev.artifactlifecycle.functions;

import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.KillSwitch;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyException;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions' configuration, read from the environment once at initialisation and validated as a whole: every
 * problem is reported together, naming the variable, its value and the fix. Nothing here touches the network.
 *
 * @param policy       the policy when given inline ({@code POLICY}) or as a packaged file ({@code POLICY_FILE})
 * @param policyS3     the policy's location when given as {@code POLICY_S3_URI}; read at each invocation so an
 *                     update takes effect without a redeploy (and a SnapStart snapshot never holds a stale one)
 * @param prefix       {@code ARTIFACT_PREFIX}: the prefix the function's IAM role reaches; the policy must agree
 * @param dryRunOnly   the kill switch, {@code ARTIFACT_LIFECYCLE_DRY_RUN_ONLY=true}: every invocation is a dry run
 */
public record FunctionConfig(
        String bucket,
        String auditTable,
        Policy policy,
        S3Location policyS3,
        String prefix,
        boolean dryRunOnly,
        Duration auditRetention,
        int concurrency,
        boolean debug) {

    public static final String ARTIFACT_BUCKET = "ARTIFACT_BUCKET";
    public static final String AUDIT_TABLE = "AUDIT_TABLE";
    public static final String POLICY = "POLICY";
    public static final String POLICY_S3_URI = "POLICY_S3_URI";
    public static final String POLICY_FILE = "POLICY_FILE";
    public static final String ARTIFACT_PREFIX = "ARTIFACT_PREFIX";
    public static final String AUDIT_RETENTION_DAYS = "AUDIT_RETENTION_DAYS";
    public static final String SWEEP_CONCURRENCY = "SWEEP_CONCURRENCY";
    public static final String LOG_LEVEL = "LOG_LEVEL";

    /** Variables every function needs; one of {@link #POLICY_SOURCES} is needed too. */
    public static final Set<String> REQUIRED = Set.of(ARTIFACT_BUCKET, AUDIT_TABLE);
    public static final Set<String> POLICY_SOURCES = Set.of(POLICY, POLICY_S3_URI, POLICY_FILE);
    /** Every variable this code reads (besides the SDK's own AWS_* settings). */
    public static final Set<String> ALL = Set.of(ARTIFACT_BUCKET, AUDIT_TABLE, POLICY, POLICY_S3_URI, POLICY_FILE,
            ARTIFACT_PREFIX, AUDIT_RETENTION_DAYS, SWEEP_CONCURRENCY, LOG_LEVEL,
            dev.artifactlifecycle.aws.AwsEnvironment.HTTP_CLIENT, KillSwitch.ENV);

    private static final Pattern S3_URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");

    public record S3Location(String bucket, String key) {
        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }

    public static FunctionConfig from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String bucket = value(env, ARTIFACT_BUCKET);
        if (bucket == null) {
            problems.add(ARTIFACT_BUCKET + " is not set; set it to the bucket the pipelines write to");
        }
        String table = value(env, AUDIT_TABLE);
        if (table == null) {
            problems.add(AUDIT_TABLE + " is not set; set it to the audit table (template.yaml creates one)");
        }
        List<String> sources = POLICY_SOURCES.stream().filter(n -> value(env, n) != null).sorted().toList();
        Policy policy = null;
        S3Location s3 = null;
        if (sources.isEmpty()) {
            problems.add("no policy is configured; set one of POLICY (inline JSON or YAML), POLICY_S3_URI"
                    + " (s3://bucket/key) or POLICY_FILE (a path in the package)");
        } else if (sources.size() > 1) {
            problems.add("the policy is configured twice (" + String.join(" and ", sources) + "); set only one");
        } else if (value(env, POLICY) != null) {
            policy = parse(() -> PolicyLoader.parse(value(env, POLICY).getBytes(StandardCharsets.UTF_8), "POLICY"),
                    POLICY, problems);
        } else if (value(env, POLICY_FILE) != null) {
            policy = parse(() -> PolicyLoader.load(Path.of(value(env, POLICY_FILE))), POLICY_FILE, problems);
        } else {
            Matcher m = S3_URI.matcher(value(env, POLICY_S3_URI));
            if (m.matches()) {
                s3 = new S3Location(m.group(1), m.group(2));
            } else {
                problems.add(POLICY_S3_URI + "=" + value(env, POLICY_S3_URI) + " is not an S3 URI; write it as"
                        + " s3://bucket/path/policy.yaml");
            }
        }
        String prefix = value(env, ARTIFACT_PREFIX);
        int retentionDays = number(env, AUDIT_RETENTION_DAYS, 400, 1, 36_500, problems);
        int concurrency = number(env, SWEEP_CONCURRENCY, SweepRequest.DEFAULT_CONCURRENCY, 1,
                SweepRequest.MAX_CONCURRENCY, problems);
        String level = value(env, LOG_LEVEL);
        if (level != null && !level.equalsIgnoreCase("INFO") && !level.equalsIgnoreCase("DEBUG")) {
            problems.add(LOG_LEVEL + "=" + level + " is not a level; use INFO or DEBUG");
        }
        boolean dryRunOnly = false;
        try {
            dryRunOnly = KillSwitch.fromEnvironment(env);
        } catch (InvalidInputException e) {
            problems.add(e.getMessage());
        }
        if (policy != null && prefix != null) {
            checkPrefix(policy, prefix, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid function configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new FunctionConfig(bucket, table, policy, s3, prefix, dryRunOnly, Duration.ofDays(retentionDays),
                concurrency, "DEBUG".equalsIgnoreCase(level));
    }

    /** The template scopes IAM to ARTIFACT_PREFIX; a policy under another prefix could not work, so refuse it. */
    static void checkPrefix(Policy policy, String configured, List<String> problems) {
        String normalized = configured.isEmpty() || configured.endsWith("/") ? configured : configured + "/";
        if (!policy.layout().prefix().equals(normalized)) {
            problems.add("the policy's layout.prefix \"" + policy.layout().prefix() + "\" differs from "
                    + ARTIFACT_PREFIX + "=" + configured + ", the only prefix this function's IAM role reaches;"
                    + " make them the same");
        }
    }

    private interface PolicyRead {
        Policy read();
    }

    private static Policy parse(PolicyRead read, String variable, List<String> problems) {
        try {
            return read.read();
        } catch (PolicyException e) {
            problems.add(variable + ": " + e.getMessage());
            return null;
        }
    }

    private static int number(Map<String, String> env, String name, int dflt, int min, int max, List<String> problems) {
        String v = value(env, name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + "=" + v + " must be a whole number from " + min + " to " + max);
        return dflt;
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public FunctionConfig {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(auditTable, "auditTable");
        if ((policy == null) == (policyS3 == null)) {
            throw new IllegalArgumentException("exactly one of policy and policyS3");
        }
    }
}
