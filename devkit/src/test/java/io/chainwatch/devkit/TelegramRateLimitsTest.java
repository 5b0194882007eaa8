package io.chainwatch.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TelegramRateLimitsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TelegramRateLimits limits = new TelegramRateLimits(nanos::get);

    @Test
    void shouldRefuseThirtyFirstMessageWhenWithinOneSecond() throws BotApiException {
        for (int chat = 1; chat <= 30; chat++) {
            limits.acquire(chat);
            advance(Duration.ofMillis(10));
        }

        assertThatThrownBy(() -> limits.acquire(31)).satisfies(e -> assertRetryAfter(e, 1));
        advance(Duration.ofMillis(710)); // the first message leaves the window
        assertThatCode(() -> limits.acquire(31)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseSecondPrivateMessageWhenLessThan950MillisApart() throws BotApiException {
        limits.acquire(7);
        advance(Duration.ofMillis(949));

        assertThatThrownBy(() -> limits.acquire(7)).satisfies(e -> assertRetryAfter(e, 1));
        advance(Duration.ofMillis(1));
        assertThatCode(() -> limits.acquire(7)).doesNotThrowAnyException();
    }

    @Test
    void shouldNotCountRefusedMessageWhenWindowMoves() throws BotApiException {
        limits.acquire(7);
        advance(Duration.ofMillis(500));
        assertThatThrownBy(() -> limits.acquire(7)).isInstanceOf(BotApiException.class);

        advance(Duration.ofMillis(450));

        assertThatCode(() -> limits.acquire(7)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseTwentyFirstGroupMessageWhenWithinOneMinute() throws BotApiException {
        for (int i = 0; i < 20; i++) {
            limits.acquire(-100);
            advance(Duration.ofSeconds(1));
        }

        assertThatThrownBy(() -> limits.acquire(-100)).satisfies(e -> assertRetryAfter(e, 40));
        assertThatCode(() -> limits.acquire(-200)).doesNotThrowAnyException();
    }

    @Test
    void shouldUseConfiguredIntervalWhenPrivateChatIntervalIsChanged() throws BotApiException {
        limits.privateChatInterval(Duration.ofMillis(3000));
        limits.acquire(7);
        advance(Duration.ofMillis(1500));

        assertThatThrownBy(() -> limits.acquire(7)).satisfies(e -> assertRetryAfter(e, 2));
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static void assertRetryAfter(Throwable e, long seconds) {
        BotApiException error = (BotApiException) e;
        assertThat(error.errorCode()).isEqualTo(429);
        assertThat(error.description()).isEqualTo("Too Many Requests: retry after " + seconds);
        assertThat(error.parameters()).containsEntry("retry_after", seconds);
    }
}
