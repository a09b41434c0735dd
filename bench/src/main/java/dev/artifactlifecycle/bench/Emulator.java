package dev.artifactlifecycle.bench;

import dev.artifactlifecycle.aws.AwsClients;
import dev.artifactlifecycle.aws.AwsEnvironment;
import dev.artifactlifecycle.local.LocalAws;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The embedded emulators plus the seeding and resetting the benchmarks share. */
final class Emulator implements AutoCloseable {
    static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    final LocalAws aws;

    Emulator() {
        aws = LocalAws.start(Path.of(System.getProperty("java.io.tmpdir"), "bench-s3-" + UUID.randomUUID()));
    }

    /** Our client, as the CLI builds it, with an HTTP client of choice (null: the build's default). */
    S3Client s3(String httpClient, int concurrency) {
        Map<String, String> env = new HashMap<>(aws.environment());
        if (httpClient != null) {
            env.put(AwsEnvironment.HTTP_CLIENT, httpClient);
        }
        return AwsClients.s3(AwsEnvironment.from(env), concurrency);
    }

    /** {@code objects} objects of {@code size} bytes in {@code runs} runs of one pipeline, run ids carrying times. */
    static List<String> seed(S3Client s3, String bucket, String pipeline, int objects, int runs, int size, int ageDays) {
        byte[] body = new byte[size];
        new java.util.Random(7).nextBytes(body);
        List<String> keys = new ArrayList<>();
        Instant base = Instant.now().minus(Duration.ofDays(ageDays));
        for (int i = 0; i < objects; i++) {
            int run = i % runs;
            keys.add("ci/" + pipeline + "/run_" + RUN_ID.format(base.minus(Duration.ofHours(run))) + "/part-"
                    + String.format("%05d", i) + ".bin");
        }
        parallel(keys, 16, k -> s3.putObject(r -> r.bucket(bucket).key(k), RequestBody.fromBytes(body)));
        return keys;
    }

    /** Puts every object back in STANDARD (the harness may move objects warmer; the tool never does). */
    static void resetToStandard(S3Client s3, String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            if (o.storageClassAsString() != null && !o.storageClassAsString().equals("STANDARD")) {
                keys.add(o.key());
            }
        }
        parallel(keys, 16, k -> s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(k).destinationBucket(bucket)
                .destinationKey(k).storageClass("STANDARD").metadataDirective(MetadataDirective.COPY)));
    }

    static long countIn(S3Client s3, String bucket, String prefix, String storageClass) {
        long n = 0;
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            if (storageClass.equals(o.storageClassAsString())) {
                n++;
            }
        }
        return n;
    }

    interface KeyAction {
        void run(String key);
    }

    static void parallel(List<String> keys, int threads, KeyAction action) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String k : keys) {
                futures.add(pool.submit(() -> action.run(k)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        aws.close();
    }
}
