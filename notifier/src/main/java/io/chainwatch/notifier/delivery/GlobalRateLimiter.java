package io.chainwatch.notifier.delivery;

import java.time.Duration;

import io.chainwatch.notifier.ledger.StoreUnavailableException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * The bot's overall message budget, as a Bucket4j token bucket: local to this process, or shared by every notifier
 * instance through Redis (see {@link io.chainwatch.notifier.NotifierService}). Thread-safe (Bucket4j buckets are).
 */
public final class GlobalRateLimiter {

    private final Bucket bucket;

    public GlobalRateLimiter(Bucket bucket) {
        this.bucket = bucket;
    }

    /** {@code ratePerSecond} messages per second on average, in bursts of at most {@code burst}. */
    public static BucketConfiguration configuration(double ratePerSecond, int burst) {
        // Refill one token every 1/rate seconds, so a fractional rate works and the spacing is even.
        long nanosPerToken = Math.max(1, Math.round(1_000_000_000L / ratePerSecond));
        return BucketConfiguration.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(1, Duration
                .ofNanos(nanosPerToken)).initialTokens(1)).build();
    }

    public static GlobalRateLimiter local(double ratePerSecond, int burst) {
        return local(ratePerSecond, burst, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** A local budget on the clock {@code time} (tests: a simulated clock). */
    static GlobalRateLimiter local(double ratePerSecond, int burst, TimeMeter time) {
        return new GlobalRateLimiter(Bucket.builder().addLimit(configuration(ratePerSecond, burst).getBandwidths()[0])
                .withCustomTimePrecision(time).build());
    }

    /**
     * Takes one message from the budget: {@link Duration#ZERO} when taken, otherwise how long to wait before asking
     * again.
     *
     * @throws StoreUnavailableException when the shared budget in Redis cannot be reached
     */
    Duration tryAcquire() {
        try {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("shared rate budget unreachable: " + e.getMessage(), e);
        }
    }
}
