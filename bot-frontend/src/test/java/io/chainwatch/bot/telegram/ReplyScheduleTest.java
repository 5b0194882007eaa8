package io.chainwatch.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ReplyScheduleTest {

    static final long MS = 1_000_000L;

    final AtomicLong now = new AtomicLong(5_000 * MS);
    final ReplySchedule schedule = new ReplySchedule(1000, now::get);

    @Test
    void shouldSpacePrivateRepliesOneSecondApartWhenUserTypesFiveCommandsAtOnce() {
        for (int i = 0; i < 5; i++) {
            assertThat(schedule.reserve(42)).isEqualTo(i * 1000 * MS);
        }
    }

    @Test
    void shouldNotDelayAnotherChatWhenOneChatHasRepliesWaiting() {
        schedule.reserve(42);
        schedule.reserve(42);
        schedule.reserve(42);

        assertThat(schedule.reserve(43)).isZero();
    }

    @Test
    void shouldKeepTwentyOrFewerRepliesInEveryMinuteWhenChatIsAGroup() {
        long[] slots = new long[41];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = schedule.reserve(-100);
        }
        for (int i = 20; i < slots.length; i++) {
            assertThat(slots[i] - slots[i - 20]).isGreaterThan(60_000 * MS);
        }
        assertThat(slots[1]).isEqualTo(ReplySchedule.GROUP_INTERVAL.toNanos());
    }

    @Test
    void shouldSendAtOnceWhenChatWasQuietForLongerThanItsInterval() {
        schedule.reserve(42);
        now.addAndGet(1000 * MS);

        assertThat(schedule.reserve(42)).isZero();
    }

    @Test
    void shouldWaitOutRetryAfterWhenTelegramAnswered429() {
        schedule.reserve(42);
        schedule.defer(42, Duration.ofSeconds(7));

        assertThat(schedule.reserve(42)).isEqualTo(7_000 * MS);
    }

    @Test
    void shouldPaceTheWholeBotAtTwentyFivePerSecondWhenManyChatsSendAtOnce() {
        for (int i = 0; i < 50; i++) {
            assertThat(schedule.reserveGlobal()).isEqualTo(i * 40 * MS);
        }
        now.addAndGet(10_000 * MS);
        assertThat(schedule.reserveGlobal()).isZero();
    }

    @Test
    void shouldForgetChatsWhenTheyAreIdleOrTooMany() {
        for (long chat = 1; chat <= 1500; chat++) {
            schedule.reserve(chat);
        }
        assertThat(schedule.trackedChats()).isEqualTo(1000);

        now.addAndGet(ReplySchedule.GROUP_INTERVAL.toMillis() * MS);
        schedule.reserve(7);
        assertThat(schedule.trackedChats()).isEqualTo(1);
    }
}
