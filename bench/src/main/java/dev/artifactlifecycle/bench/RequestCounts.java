package dev.artifactlifecycle.bench;

import dev.artifactlifecycle.aws.S3ObjectSource;
import dev.artifactlifecycle.aws.S3ObjectStore;
import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import dev.artifactlifecycle.core.sweep.AuditLog;
import dev.artifactlifecycle.core.sweep.Mode;
import dev.artifactlifecycle.core.sweep.SweepId;
import dev.artifactlifecycle.core.sweep.SweepReport;
import dev.artifactlifecycle.core.sweep.SweepRequest;
import dev.artifactlifecycle.core.sweep.SweepService;
import dev.artifactlifecycle.core.sweep.Trigger;
import dev.artifactlifecycle.local.LocalAws;
import dev.artifactlifecycle.local.SampleData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 requests a sweep sends, by operation, against the minimum any tool needs for the same outcome:
 * ⌈listed / 1000⌉ LIST pages + 1 COPY per transition + ⌈deletes / 1000⌉ DeleteObjects + 1 GET per run manifest.
 */
final class RequestCounts {
    private RequestCounts() {}

    static final class Counter implements ExecutionInterceptor {
        final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    k -> new LongAdder()).increment();
        }

        long get(String op) {
            LongAdder a = byOperation.get(op);
            return a == null ? 0 : a.sum();
        }

        long total() {
            return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    public static void main(String[] args) throws IOException {
        System.out.println("== S3 requests per sweep vs. the minimum ==");
        System.out.println(String.format(Locale.ROOT, "%-34s %6s %6s %6s %7s %6s %8s %8s %7s", "scenario", "LIST",
                "GET", "COPY", "DELETE", "other", "total", "minimum", "ratio"));
        try (Emulator emu = new Emulator()) {
            Counter counter = new Counter();
            try (S3Client s3 = S3Client.builder().endpointOverride(emu.aws.s3Endpoint()).forcePathStyle(true)
                    .region(Region.of(LocalAws.REGION)).credentialsProvider(LocalAws.credentials())
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build()) {
                s3.createBucket(r -> r.bucket("demo"));
                SampleData.seed(s3, "demo", Instant.now());
                Policy demo = demoPolicy();
                run("demo data, first apply", s3, "demo", demo, counter);
                run("demo data, second apply", s3, "demo", demo, counter);

                s3.createBucket(r -> r.bucket("big"));
                Emulator.seed(s3, "big", "keep", 2000, 40, 1024, 100);
                Emulator.seed(s3, "big", "old", 1200, 24, 1024, 500);
                Policy big = PolicyLoader.parse(("version: 1\nlayout:\n  prefix: ci/\n  runIdTimestamp:\n"
                        + "    regex: \"(\\\\d{8}_\\\\d{6})\"\n    format: yyyyMMdd_HHmmss\ndefaults:\n"
                        + "  minTransitionSizeBytes: 0\nrules:\n  - name: all\n    keepLastRuns: 0\n    allowExpiringEveryRun: true\n")
                        .getBytes(StandardCharsets.UTF_8), "big.yaml");
                run("3,200 objects: 2,000 move, 1,200 go", s3, "big", big, counter);
                run("3,200 objects, second apply", s3, "big", big, counter);
            }
        }
        System.out.println();
    }

    static void run(String label, S3Client s3, String bucket, Policy policy, Counter counter) {
        long manifests = 0;
        long listed = 0;
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(policy.layout().prefix()))
                .contents()) {
            listed++;
            if (policy.layout().manifest() != null && o.key().endsWith("/" + policy.layout().manifest())) {
                manifests++;
            }
        }
        counter.byOperation.clear();
        SweepService service = new SweepService(new S3ObjectSource(s3), new S3ObjectStore(s3), AuditLog.NONE,
                Clock.systemUTC());
        Instant now = Instant.now();
        SweepReport r = service.sweep(new SweepRequest(SweepId.of(now, new Random()), bucket, policy, Mode.APPLY,
                Trigger.CLI, now, List.of(), 16, null));
        // Even an empty prefix takes one LIST to learn that it is empty.
        long minimum = Math.max(1, ceil(listed, 1000)) + r.summary().transitions() + ceil(r.summary().deletes(), 1000)
                + manifests;
        long list = counter.get("ListObjectsV2");
        long get = counter.get("GetObject");
        long copy = counter.get("CopyObject");
        long delete = counter.get("DeleteObjects");
        long other = counter.total() - list - get - copy - delete;
        System.out.println(String.format(Locale.ROOT, "%-34s %6d %6d %6d %7d %6d %8d %8d %7.3f", label, list, get,
                copy, delete, other, counter.total(), minimum, (double) counter.total() / minimum));
    }

    static long ceil(long n, long d) {
        return (n + d - 1) / d;
    }

    static Policy demoPolicy() throws IOException {
        try (InputStream in = RequestCounts.class.getResourceAsStream("/policies/demo.yaml")) {
            return PolicyLoader.parse(in.readAllBytes(), "demo.yaml");
        }
    }
}
