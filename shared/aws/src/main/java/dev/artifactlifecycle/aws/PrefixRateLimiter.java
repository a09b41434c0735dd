package dev.artifactlifecycle.aws;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A request rate per S3 prefix that backs off on 503 SlowDown and ramps up again gradually (additive increase,
 * multiplicative decrease), as S3 asks: its capacity is per prefix and grows while the load grows. Requests carry
 * their prefix in {@link #SCOPE} (S3ObjectStore sets it to the pipeline's folder); every attempt, retries included,
 * takes a permit from that prefix's token bucket (Resilience4j) before it is sent, and its answer adjusts the rate.
 * Requests without a scope are not limited. The SDK's own retry strategy still backs off each retried request.
 */
public final class PrefixRateLimiter implements ExecutionInterceptor {
    public static final ExecutionAttribute<String> SCOPE = new ExecutionAttribute<>("ArtifactLifecyclePrefixScope");
    /** S3's documented baseline for PUT/COPY/POST/DELETE per prefix: the rate a prefix starts at. */
    static final double MAX_RATE = 3_500;
    static final double MIN_RATE = 10;
    /** Per successful request, per second: from the floor back to the baseline takes a few thousand requests. */
    static final double INCREASE = 1;
    static final Duration PERIOD = Duration.ofMillis(100);
    /** How long a request waits for a permit at most; past it, it goes anyway (never a deadlock). */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);
    /** Beyond this many prefixes, the idle ones are forgotten (they start again at the baseline). */
    static final int MAX_SCOPES = 10_000;

    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private final LongSupplier nanos;

    public PrefixRateLimiter() {
        this(System::nanoTime);
    }

    PrefixRateLimiter(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Limit l = limit(attributes.getAttribute(SCOPE));
        if (l != null) {
            l.bucket.acquirePermission();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Limit l = limit(attributes.getAttribute(SCOPE));
        if (l != null) {
            record(l, context.httpResponse().statusCode());
        }
    }

    /** Adjusts the prefix's rate for one answer: 503 halves it (once per period), anything below 500 raises it. */
    void record(String scope, int status) {
        record(limit(scope), status);
    }

    private void record(Limit l, int status) {
        if (status == 503) {
            l.throttled(nanos.getAsLong());
        } else if (status < 500) {
            l.succeeded();
        }
    }

    /** The current rate of a prefix, requests per second; the baseline for a prefix not seen yet. */
    public double rate(String scope) {
        Limit l = limits.get(scope);
        return l == null ? MAX_RATE : l.rate();
    }

    private Limit limit(String scope) {
        if (scope == null) {
            return null;
        }
        if (limits.size() >= MAX_SCOPES && !limits.containsKey(scope)) {
            limits.values().removeIf(Limit::atBaseline);
        }
        return limits.computeIfAbsent(scope, Limit::new);
    }

    private static final class Limit {
        final RateLimiter bucket;
        private double rate = MAX_RATE;
        private long lastDecrease = Long.MIN_VALUE;

        Limit(String scope) {
            bucket = RateLimiter.of("s3-prefix:" + scope, RateLimiterConfig.custom()
                    .limitRefreshPeriod(PERIOD)
                    .limitForPeriod(permits(MAX_RATE))
                    .timeoutDuration(MAX_WAIT)
                    .build());
        }

        synchronized double rate() {
            return rate;
        }

        synchronized boolean atBaseline() {
            return rate >= MAX_RATE;
        }

        /** Many requests in flight answer 503 together: that is one signal, so at most one halving per period. */
        synchronized void throttled(long now) {
            if (lastDecrease != Long.MIN_VALUE && now - lastDecrease < PERIOD.toNanos()) {
                return;
            }
            lastDecrease = now;
            rate = Math.max(MIN_RATE, rate / 2);
            bucket.changeLimitForPeriod(permits(rate));
        }

        synchronized void succeeded() {
            if (rate < MAX_RATE) {
                int before = permits(rate);
                rate = Math.min(MAX_RATE, rate + INCREASE);
                if (permits(rate) != before) {
                    bucket.changeLimitForPeriod(permits(rate));
                }
            }
        }

        static int permits(double perSecond) {
            return Math.max(1, (int) Math.ceil(perSecond * PERIOD.toMillis() / 1000.0));
        }
    }
}
