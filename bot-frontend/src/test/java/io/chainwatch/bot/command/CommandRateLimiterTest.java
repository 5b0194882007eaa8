package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.chainwatch.bot.MutableClock;
import io.chainwatch.bot.command.CommandRateLimiter.Decision;

class CommandRateLimiterTest {

    /**
     * Each scenario is a script run in order against a fresh limiter on a test clock: {@code A}, {@code W} and
     * {@code D} are one command of chat 1 expected to be allowed, refused with the one notice (warn), or dropped
     * silently; {@code 2:A} is the same for chat 2; {@code +2000} / {@code -60000} moves the clock by milliseconds.
     */
    static Stream<Arguments> scenarios() {
        return Stream.of(
                arguments("burst allowed, next refused once with a notice, then silence", 5, 30,
                        "A A A A A W D D D D D D D D D"),
                arguments("one token back after 2 s, not before; no second notice while the flood goes on", 5, 30,
                        "A A A A A W +1999 D +1 A D +1999 D +1 A D D"),
                arguments("10 s without a refusal end the throttled period: the next flood is told again", 5, 30,
                        "A A A A A W D +10000 A A A A A W D"),
                arguments("a flood going on for 12 s gets one notice: each refusal is within 10 s of the last", 5,
                        30, "A A A A A W " + "+1999 D +1 A D ".repeat(6) + "+10000 A A A A A W"),
                arguments("other chats keep their own bucket", 5, 30, "A A A A A W 2:A 2:A D 2:A"),
                arguments("a clock stepping back adds nothing", 5, 30, "A A A A A W +600000 A -3600000 A A A A W D"),
                arguments("burst 1 and 6 a minute: a flood is told once", 1, 6,
                        "A W D +9999 D +1 A D +9999 D +1 A D +10000 A W"),
                arguments("a high rate refills within milliseconds", 2, 600, "A A W +99 D +1 A D"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDecideAsScriptedWhenChatSendsCommands(String name, int burst, int perMinute, String script) {
        MutableClock clock = new MutableClock();
        CommandRateLimiter limiter = new CommandRateLimiter(burst, perMinute, clock);

        int step = 0;
        for (String token : script.split(" ")) {
            step++;
            if (token.startsWith("+") || token.startsWith("-")) {
                clock.advance(Duration.ofMillis(Long.parseLong(token)));
                continue;
            }
            long chat = token.contains(":") ? Long.parseLong(token.substring(0, token.indexOf(':'))) : 1;
            String expected = token.substring(token.indexOf(':') + 1);
            assertThat(kind(limiter.acquire(chat))).as("step %d (%s) of '%s'", step, token, script).isEqualTo(
                    expected);
        }
    }

    @Test
    void shouldSayWhenNextCommandIsAllowedWhenWarning() {
        MutableClock clock = new MutableClock();
        CommandRateLimiter limiter = new CommandRateLimiter(1, 30, clock);
        limiter.acquire(7);
        clock.advance(Duration.ofMillis(500));

        assertThat(limiter.acquire(7)).isEqualTo(new Decision.Warn(Duration.ofMillis(1500)));
    }

    @Test
    void shouldForgetChatWhenIdleForTenMinutes() {
        MutableClock clock = new MutableClock();
        CommandRateLimiter limiter = new CommandRateLimiter(5, 30, clock);
        for (long chat = 1; chat <= 3; chat++) {
            limiter.acquire(chat);
        }
        clock.advance(Duration.ofMinutes(9));
        limiter.acquire(3);
        assertThat(limiter.trackedChats()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(1));
        limiter.acquire(4);

        assertThat(limiter.trackedChats()).as("chats 1 and 2 idle 10 min, 3 and 4 recent").isEqualTo(2);
    }

    @Test
    void shouldKeepIdleChatUntilItsBucketIsFullWhenRefillTakesLongerThanTenMinutes() {
        MutableClock clock = new MutableClock();
        CommandRateLimiter limiter = new CommandRateLimiter(20, 1, clock); // 20 minutes to fill up
        for (int i = 0; i < 20; i++) {
            limiter.acquire(1);
        }
        clock.advance(Duration.ofMinutes(15));
        limiter.acquire(2);

        assertThat(limiter.trackedChats()).isEqualTo(2);
        for (int i = 0; i < 15; i++) {
            assertThat(limiter.acquire(1)).isInstanceOf(Decision.Allow.class);
        }
        assertThat(limiter.acquire(1)).isInstanceOf(Decision.Warn.class);
    }

    @Test
    void shouldRememberAtMostMaxChatsWhenManyChatsWrite() {
        MutableClock clock = new MutableClock();
        CommandRateLimiter limiter = new CommandRateLimiter(1, 30, 3, clock);
        for (long chat = 1; chat <= 3; chat++) {
            limiter.acquire(chat);
        }
        limiter.acquire(1); // chat 1 is now the most recent; chat 2 the least
        limiter.acquire(4);

        assertThat(limiter.trackedChats()).isEqualTo(3);
        assertThat(limiter.acquire(1)).as("chat 1 kept its empty bucket").isInstanceOf(Decision.Drop.class);
        assertThat(limiter.acquire(2)).as("chat 2 was forgotten: a fresh bucket").isInstanceOf(Decision.Allow.class);
    }

    @Test
    void shouldAllowEverythingWhenUnlimited() {
        CommandRateLimiter limiter = CommandRateLimiter.unlimited();

        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.acquire(1)).isInstanceOf(Decision.Allow.class);
        }
        assertThat(limiter.trackedChats()).isZero();
    }

    private static String kind(Decision decision) {
        return switch (decision) {
            case Decision.Allow a -> "A";
            case Decision.Warn w -> "W";
            case Decision.Drop d -> "D";
        };
    }
}
