package dev.artifactlifecycle.local;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A realistic bucket for the demo and for manual experiments: three pipelines, 114 runs over two years, manifests with
 * created_at and status, failed / in-progress / pinned runs, run ids with timestamps, objects from 1 KB to 3 MB, an
 * orphan key and a corrupt manifest. Times live in manifests and run ids (S3 cannot back-date LastModified), so the
 * same data ages correctly against any asOf.
 */
public final class SampleData {
    public static final String PREFIX = "ci/";
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    /** What was written, for printing and for tests. */
    public record Seeded(int runs, int objects, long bytes, List<String> keys) {}

    private record Put(String key, byte[] body, String contentType, Map<String, String> metadata) {}

    private SampleData() {}

    public static Seeded seed(S3Client s3, String bucket, Instant now) {
        Random random = new Random(42);
        List<Put> puts = new ArrayList<>();
        int runs = 0;

        // release-api: a release roughly every 30 days; release notes are protected by the policy; one pinned.
        for (int i = 0; i < 24; i++) {
            Instant created = now.minus(Duration.ofDays(2 + 30L * i)).minus(Duration.ofHours(random.nextInt(12)));
            String run = PREFIX + "release-api/v1." + (23 - i) + ".0/";
            boolean pinned = i == 15;
            puts.add(manifest(run, created, "succeeded", pinned));
            puts.add(new Put(run + "app.jar", bytes(random, 512 * 1024 + random.nextInt(2_560 * 1024)),
                    "application/java-archive", Map.of("git-sha", Integer.toHexString(random.nextInt()))));
            puts.add(new Put(run + "release-notes.md", bytes(random, 1024 + random.nextInt(3000)), "text/markdown",
                    Map.of()));
            puts.add(new Put(run + "_SUCCESS", new byte[0], "application/octet-stream", Map.of()));
            runs++;
        }

        // nightly-web: every 12 days; every 7th failed; the newest is still running; one manifest is corrupt.
        for (int i = 0; i < 60; i++) {
            Instant created = now.minus(Duration.ofDays(12L * i)).minus(Duration.ofHours(1 + random.nextInt(6)));
            String run = PREFIX + "nightly-web/" + RUN_ID.format(created).replace("_", "-") + "-n" + (1000 + 60 - i) + "/";
            String status = i == 0 ? "running" : i % 7 == 3 ? "failed" : "success";
            if (i == 20) {
                puts.add(new Put(run + "metadata.json", "{\"created_at\": \"2025-".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/json", Map.of()));
            } else {
                puts.add(manifest(run, created, status, false));
            }
            puts.add(new Put(run + "bundle.tar.gz", bytes(random, 200 * 1024 + random.nextInt(400 * 1024)),
                    "application/gzip", Map.of()));
            puts.add(new Put(run + "coverage.html", bytes(random, 20 * 1024 + random.nextInt(60 * 1024)), "text/html",
                    Map.of()));
            puts.add(new Put(run + "test-report.xml", bytes(random, 1024 + random.nextInt(8 * 1024)),
                    "application/xml", Map.of()));
            if (!status.equals("running")) {
                puts.add(new Put(run + (status.equals("failed") ? "_FAILED" : "_SUCCESS"), new byte[0],
                        "application/octet-stream", Map.of()));
            }
            runs++;
        }

        // data-etl: no manifests; the run id carries the time (layout.runIdTimestamp); one pinned by a keep marker.
        for (int i = 0; i < 30; i++) {
            Instant created = now.minus(Duration.ofDays(3 + 24L * i));
            String run = PREFIX + "data-etl/run_" + RUN_ID.format(created) + "/";
            for (int part = 0; part < 3; part++) {
                puts.add(new Put(run + "part-0000" + part + ".parquet", bytes(random, 256 * 1024 + random.nextInt(768 * 1024)),
                        "application/vnd.apache.parquet", Map.of("rows", Integer.toString(10_000 + random.nextInt(90_000)))));
            }
            puts.add(new Put(run + "_SUCCESS", new byte[0], "application/octet-stream", Map.of()));
            if (i == 25) {
                puts.add(new Put(run + "_KEEP", "audit hold: ticket OPS-1234\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "text/plain", Map.of()));
            }
            runs++;
        }

        // A key that fits no run: reported as an orphan, never touched.
        puts.add(new Put(PREFIX + "README.txt", "artifacts live under <pipeline>/<run>/\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "text/plain", Map.of()));

        long total = 0;
        List<String> keys = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Put p : puts) {
                total += p.body.length;
                keys.add(p.key);
                futures.add(pool.submit(() -> s3.putObject(r -> r.bucket(bucket).key(p.key).contentType(p.contentType)
                        .metadata(p.metadata), RequestBody.fromBytes(p.body))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("seeding s3://" + bucket + " failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return new Seeded(runs, puts.size(), total, keys);
    }

    private static Put manifest(String run, Instant created, String status, boolean retain) {
        String json = "{\"created_at\": \"" + created + "\", \"status\": \"" + status + "\""
                + (retain ? ", \"retain\": true" : "") + "}";
        return new Put(run + "metadata.json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json",
                Map.of());
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
