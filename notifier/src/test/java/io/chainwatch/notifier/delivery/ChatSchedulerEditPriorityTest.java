package io.chainwatch.notifier.delivery;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.chainwatch.notifier.delivery.ChatScheduler.Dispatch;
import io.chainwatch.notifier.delivery.ChatScheduler.Pacing;
import io.chainwatch.notifier.delivery.Progress.SkipReason;
import io.chainwatch.schema.AlertPhase;

/**
 * Issue #19 item 4: confirmation edits yield the bot's global budget to new alerts across chats. Driven by explicit
 * times, with the dispatcher's part (taking a token, giving an edit's turn back) played by the test.
 */
class ChatSchedulerEditPriorityTest {

    private static final TopicPartition P0 = new TopicPartition("chainwatch.alerts", 0);
    private static final long MAX_WAIT = 30_000;
    /** Digests by size alone; how the time rule treats steps is {@link ChatSchedulerDigestAfterTest}'s. */
    private static final Pacing PACING = new Pacing(Duration.ofMillis(1111), Duration.ofSeconds(3), 20, Duration
            .ofDays(1), 100,
            Duration.ZERO, Duration.ofMillis(MAX_WAIT), 2);

    private final ChatScheduler scheduler = new ChatScheduler(PACING);
    private long offset;

    private QueuedAlert announcement(long chat, long now) {
        return enqueue(new QueuedAlert(P0, offset++, alert().chat(chat).logIndex((int) offset).build(), now), now);
    }

    /** A step to {@code depth} of the announcement of {@code chat}'s transaction transfer {@code logIndex}. */
    private QueuedAlert step(long chat, int logIndex, int depth, long now) {
        return enqueue(new QueuedAlert(P0, offset++, alert().chat(chat).logIndex(logIndex).confirmations(depth, 0)
                .phase(AlertPhase.PROGRESS).build(), now), now);
    }

    private QueuedAlert enqueue(QueuedAlert queued, long now) {
        scheduler.enqueue(queued, now);
        return queued;
    }

    @Test
    void shouldHandOutEveryChatsNewAlertBeforeAnyEditAndTheEditsOnceTheNewAlertsHaveTheirTokens() {
        for (long chat = 1; chat <= 3; chat++) {
            step(chat, 0, 3, 0); // queued first: these chats have waited longest
        }
        for (long chat = 11; chat <= 13; chat++) {
            announcement(chat, 10);
        }

        List<Dispatch> fresh = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Dispatch next = scheduler.next(20).orElseThrow();
            assertThat(next.progressEdit()).isFalse();
            fresh.add(next);
        }
        assertThat(fresh).extracting(Dispatch::chatId).containsExactlyInAnyOrder(11L, 12L, 13L);
        assertThat(scheduler.next(20)).as("new alerts are still on their way to the budget").isEmpty();
        assertThat(scheduler.progressDeferred()).isEqualTo(3);
        assertThat(scheduler.nextWakeup(20)).as("no busy wait while edits are held").hasValue(MAX_WAIT);

        scheduler.budgetTaken(fresh.get(0));
        scheduler.budgetTaken(fresh.get(1));
        assertThat(scheduler.next(30)).isEmpty();
        scheduler.budgetTaken(fresh.get(2));
        Dispatch edit = scheduler.next(40).orElseThrow();
        assertThat(edit.progressEdit()).isTrue();
        assertThat(edit.chatId()).isBetween(1L, 3L);
        assertThat(scheduler.progressDeferred()).as("each step counted once").isEqualTo(3);
    }

    @Test
    void shouldLetAnEditOnItsWayToTheBudgetGiveItsTurnBackToANewAlert() {
        QueuedAlert step = step(1, 0, 3, 0);
        Dispatch edit = scheduler.next(0).orElseThrow();
        assertThat(edit.progressEdit()).isTrue();
        assertThat(scheduler.editMustYield()).isFalse();

        announcement(2, 5);
        Dispatch fresh = scheduler.next(5).orElseThrow();
        assertThat(fresh.chatId()).isEqualTo(2);
        assertThat(scheduler.editMustYield()).isTrue();
        scheduler.deferEdit(edit);
        assertThat(scheduler.next(6)).isEmpty();

        scheduler.budgetTaken(fresh);
        assertThat(scheduler.editMustYield()).isFalse();
        Dispatch again = scheduler.next(7).orElseThrow();
        assertThat(again.alerts()).containsExactly(step);
        assertThat(again.progressEdit()).isTrue();
        assertThat(scheduler.progressDeferred()).isEqualTo(1);
    }

    @Test
    void shouldReleaseHeldEditsWhenTheNewAlertEndsWithoutAToken() {
        step(1, 0, 3, 0);
        announcement(2, 0);
        Dispatch fresh = scheduler.next(0).orElseThrow();
        assertThat(scheduler.next(0)).isEmpty();

        scheduler.completed(fresh, fresh.alerts(), false, 1); // already delivered, say: no token taken
        assertThat(scheduler.next(1)).map(Dispatch::progressEdit).contains(true);
    }

    @Test
    void shouldKeepNoMoreEditsInFlightThanAllowedSoThatSendersStayFreeForNewAlerts() {
        for (long chat = 1; chat <= 3; chat++) {
            step(chat, 0, 3, 0);
        }
        Dispatch first = scheduler.next(0).orElseThrow();
        scheduler.next(0).orElseThrow();
        assertThat(scheduler.next(0)).as("two edits in flight at most").isEmpty();
        assertThat(scheduler.nextWakeup(0)).hasValue(MAX_WAIT);
        announcement(9, 1);
        assertThat(scheduler.next(1)).map(Dispatch::chatId).contains(9L);

        scheduler.completed(first, first.alerts(), true, 2);
        assertThat(scheduler.next(2)).as("the new alert has not taken its token yet").isEmpty();
    }

    @Test
    void shouldSkipAStepWhenADeeperStepOfTheSameAnnouncementIsQueuedBehindIt() {
        QueuedAlert three = step(1, 0, 3, 0);
        QueuedAlert other = step(1, 1, 3, 0); // another transfer's announcement: not superseded
        QueuedAlert six = step(1, 0, 6, 0);
        QueuedAlert twelve = step(1, 0, 12, 0);

        Dispatch first = scheduler.next(0).orElseThrow();
        assertThat(first.alerts()).containsExactly(three);
        assertThat(first.progressSkip()).contains(SkipReason.SUPERSEDED);
        assertThat(first.progressEdit()).isFalse();
        scheduler.completed(first, first.alerts(), false, 0);

        Dispatch second = scheduler.next(0).orElseThrow();
        assertThat(second.alerts()).containsExactly(other);
        assertThat(second.progressEdit()).isTrue();
        scheduler.completed(second, second.alerts(), true, 0);

        Dispatch third = scheduler.next(1111).orElseThrow();
        assertThat(third.alerts()).containsExactly(six);
        assertThat(third.progressSkip()).contains(SkipReason.SUPERSEDED);
        scheduler.completed(third, third.alerts(), false, 1111);

        Dispatch last = scheduler.next(1111).orElseThrow();
        assertThat(last.alerts()).as("the deepest step is shown").containsExactly(twelve);
        assertThat(last.progressSkip()).isEmpty();
        assertThat(last.progressEdit()).isTrue();
    }

    @Test
    void shouldDropAStepHeldBackForTheMaximumWaitSoThatItsOffsetIsNotHeldForever() {
        QueuedAlert held = step(1, 0, 3, 0);
        announcement(2, 0);
        Dispatch fresh = scheduler.next(0).orElseThrow(); // stays on its way to the budget (Telegram hangs, say)
        assertThat(fresh.chatId()).isEqualTo(2);

        assertThat(scheduler.next(MAX_WAIT - 1)).isEmpty();
        assertThat(scheduler.nextWakeup(MAX_WAIT - 1)).hasValue(MAX_WAIT);
        Optional<Dispatch> dropped = scheduler.next(MAX_WAIT);
        assertThat(dropped).map(Dispatch::alerts).contains(List.of(held));
        assertThat(dropped.get().progressSkip()).contains(SkipReason.WAITED_TOO_LONG);
        assertThat(dropped.get().progressEdit()).as("skipped without a token").isFalse();
    }

    @Test
    void shouldStillSkipAStepWithANewAlertBehindItAtOnceRatherThanHoldingIt() {
        step(1, 0, 3, 0);
        announcement(1, 0);
        announcement(2, 0);
        Dispatch other = scheduler.next(0).orElseThrow();
        Dispatch busy = scheduler.next(0).orElseThrow();

        assertThat(List.of(other.chatId(), busy.chatId())).containsExactlyInAnyOrder(1L, 2L);
        Dispatch step = other.chatId() == 1 ? other : busy;
        assertThat(step.chatBusy()).isTrue();
        assertThat(step.progressEdit()).isFalse();
    }
}
