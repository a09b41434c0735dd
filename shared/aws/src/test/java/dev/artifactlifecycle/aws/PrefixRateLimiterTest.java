package dev.artifactlifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifactlifecycle.core.policy.Layout;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrefixRateLimiterTest {
    final AtomicLong now = new AtomicLong();
    final PrefixRateLimiter limiter = new PrefixRateLimiter(now::get);

    @Test
    void slowDownHalvesThePrefixesRateOncePerPeriodAndLeavesOtherPrefixesAlone() {
        limiter.record("ci/api/", 200);
        assertThat(limiter.rate("ci/api/")).isEqualTo(3_500);
        limiter.record("ci/api/", 503);
        limiter.record("ci/api/", 503); // the same burst, within one period: one signal
        assertThat(limiter.rate("ci/api/")).isEqualTo(1_750);
        now.addAndGet(PrefixRateLimiter.PERIOD.toNanos());
        limiter.record("ci/api/", 503);
        assertThat(limiter.rate("ci/api/")).isEqualTo(875);
        assertThat(limiter.rate("ci/web/")).isEqualTo(3_500);
    }

    @Test
    void theRateHasAFloorAndRampsBackUpOneRequestPerSecondPerSuccess() {
        for (int i = 0; i < 20; i++) {
            now.addAndGet(PrefixRateLimiter.PERIOD.toNanos());
            limiter.record("ci/api/", 503);
        }
        assertThat(limiter.rate("ci/api/")).isEqualTo(PrefixRateLimiter.MIN_RATE);
        for (int i = 0; i < 90; i++) {
            limiter.record("ci/api/", 200);
        }
        assertThat(limiter.rate("ci/api/")).isEqualTo(100);
        limiter.record("ci/api/", 500); // a server error is retried, not a throttle signal
        limiter.record("ci/api/", 404);
        assertThat(limiter.rate("ci/api/")).isEqualTo(101);
    }

    @Test
    void aKeysPrefixIsItsPipelinesFolder() {
        Layout layout = PolicyLoader.parse(("version: 1\nlayout:\n  prefix: ci/\n  pattern: \"{team}/{pipeline}/{run}\"\n"
                + "rules:\n  - name: r\n").getBytes(StandardCharsets.UTF_8), "p.yaml").layout();
        // The pipeline key is every segment before {run}.
        assertThat(S3ObjectStore.scopeOf(layout, "ci/web/api/r1/lib/x.jar")).isEqualTo("ci/web/api/");
        assertThat(S3ObjectStore.scopeOf(layout, "ci/stray.txt")).isEqualTo("ci/");
        assertThat(S3ObjectStore.scopeOf(null, "ci/api/r1/x")).isNull();
    }
}
