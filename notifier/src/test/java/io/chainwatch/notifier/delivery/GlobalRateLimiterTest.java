package io.chainwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.notifier.NotifierSettings;
import io.github.bucket4j.TimeMeter;

/**
 * The bot's budget against Telegram's ~30 messages in any second, on a simulated clock: the default rate and burst
 * (25/s, 4 back to back) never let more than 29 through in any 1-second window, counted as the Bot API double counts
 * (the messages of {@code (t - 1 s, t]}), however the demand comes: saturated, in blocks after pauses, or random —
 * one below Telegram's 30 for the jitter between taking a token and the request's arrival.
 */
class GlobalRateLimiterTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    /** A clock the test moves. */
    private static final class SimulatedTime implements TimeMeter {
        long nanos = SECOND; // not 0: a bucket starts with one token, not full

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final SimulatedTime time = new SimulatedTime();

    /** Sends {@code count} messages as fast as the budget allows, as the dispatcher does; returns when each went. */
    private void send(GlobalRateLimiter budget, int count, List<Long> sent) {
        while (count > 0) {
            Duration wait = budget.tryAcquire();
            if (wait.isZero()) {
                sent.add(time.nanos);
                count--;
            } else {
                time.nanos += wait.toNanos();
            }
        }
    }

    /** The most messages in any window {@code (t - 1 s, t]}. */
    private static int fullestSecond(List<Long> sent) {
        int fullest = 0;
        int start = 0;
        for (int end = 0; end < sent.size(); end++) {
            while (sent.get(start) <= sent.get(end) - SECOND) {
                start++;
            }
            fullest = Math.max(fullest, end - start + 1);
        }
        return fullest;
    }

    @Test
    void shouldKeepEveryOneSecondWindowWithinTelegramsThirtyAtTheDefaults() {
        NotifierSettings defaults = NotifierSettings.from(RuntimeEnv.of(Map.of()));
        assertThat(defaults.globalRate()).isEqualTo(25);
        assertThat(defaults.globalBurst()).isEqualTo(4);
        GlobalRateLimiter budget = GlobalRateLimiter.local(defaults.globalRate(), defaults.globalBurst(), time);
        List<Long> sent = new ArrayList<>();
        Random random = new Random(19);
        for (int round = 0; round < 2_000; round++) {
            time.nanos += random.nextInt(4) == 0 ? 0 : Duration.ofMillis(random.nextInt(1_200)).toNanos();
            send(budget, 1 + random.nextInt(60), sent);
        }

        assertThat(fullestSecond(sent)).as("the burst is used, a message of margin kept").isBetween(28, 29);
    }

    @Test
    void shouldLetTheBurstGoBackToBackAfterAPauseAndThenHoldTheRate() {
        GlobalRateLimiter budget = GlobalRateLimiter.local(25, 5, time);
        List<Long> sent = new ArrayList<>();
        time.nanos += SECOND; // idle: the bucket fills to 5
        send(budget, 5 + 250, sent);

        assertThat(sent.subList(0, 5)).as("the alerts of one block leave together").containsOnly(sent.get(0));
        assertThat(sent.get(5) - sent.get(0)).isEqualTo(SECOND / 25);
        assertThat(sent.get(sent.size() - 1) - sent.get(0)).as("then one every 40 ms").isEqualTo(250 * SECOND / 25);
        assertThat(fullestSecond(sent)).as("the burst is used, the limit kept").isBetween(29, 30);
    }

    @Test
    void shouldKeepEveryWindowWithinRatePlusBurstForOtherSettings() {
        for (int burst : new int[]{1, 2, 3, 5, 8}) {
            for (double rate : new double[]{1, 10, 25, 28}) {
                SimulatedTime clock = new SimulatedTime();
                GlobalRateLimiter budget = GlobalRateLimiter.local(rate, burst, clock);
                List<Long> sent = new ArrayList<>();
                Random random = new Random(burst * 100 + (long) rate);
                for (int round = 0; round < 300; round++) {
                    clock.nanos += Duration.ofMillis(random.nextInt(1_500)).toNanos();
                    while (sent.size() < (round + 1) * 20) {
                        Duration wait = budget.tryAcquire();
                        if (wait.isZero()) {
                            sent.add(clock.nanos);
                        } else {
                            clock.nanos += wait.toNanos();
                        }
                    }
                }
                assertThat(fullestSecond(sent)).as("rate %s, burst %s", rate, burst).isLessThanOrEqualTo(burst
                        + (int) Math.ceil(rate));
            }
        }
    }
}
