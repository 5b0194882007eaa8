package io.chainwatch.bench.soak;

import java.time.Duration;

/**
 * The rhythm of a chain: a block every {@code blockTime} holding {@code txPerBlock} transactions, and every
 * {@code burstEvery} (from {@code firstBurst} on) a burst of {@code burstTps} transactions a second for
 * {@code burstLength}. {@code burstEvery} zero: no bursts.
 */
public record Rhythm(Duration blockTime, int txPerBlock, Duration firstBurst, Duration burstEvery, double burstTps,
        Duration burstLength) {

    /** Transactions a second outside bursts. */
    public double steadyTps() {
        return txPerBlock / (blockTime.toNanos() / 1e9);
    }

    /** Whether {@code elapsed} since the start falls in a burst. */
    public boolean inBurst(Duration elapsed) {
        return burstIndex(elapsed, Duration.ZERO) >= 0;
    }

    /**
     * The burst (0, 1, ...) that {@code elapsed} falls in, counting {@code tail} after each burst's end as part of it
     * (the backlog a burst leaves); -1 outside.
     */
    public long burstIndex(Duration elapsed, Duration tail) {
        if (burstEvery.isZero() || elapsed.compareTo(firstBurst) < 0) {
            return -1;
        }
        long since = elapsed.minus(firstBurst).toMillis();
        long k = since / burstEvery.toMillis();
        return since - k * burstEvery.toMillis() < burstLength.plus(tail).toMillis() ? k : -1;
    }

    /** The rate at {@code elapsed}: the burst's during a burst, else the steady one. */
    public double tpsAt(Duration elapsed) {
        return inBurst(elapsed) ? burstTps : steadyTps();
    }

    /** Transactions due from 0 to {@code elapsed}, integrating the rate in steps of {@code step}. */
    public long dueBy(Duration elapsed, Duration step) {
        double due = 0;
        for (Duration t = Duration.ZERO; t.compareTo(elapsed) < 0; t = t.plus(step)) {
            Duration dt = elapsed.minus(t).compareTo(step) < 0 ? elapsed.minus(t) : step;
            due += tpsAt(t) * dt.toNanos() / 1e9;
        }
        return (long) due;
    }
}
