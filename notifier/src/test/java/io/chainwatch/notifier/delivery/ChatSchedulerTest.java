package io.chainwatch.notifier.delivery;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.chainwatch.notifier.delivery.ChatScheduler.Dispatch;
import io.chainwatch.notifier.delivery.ChatScheduler.Pacing;
import io.chainwatch.schema.AlertPhase;

/** The scheduling rules, driven by explicit times: no threads, no sleeps. */
class ChatSchedulerTest {

    private static final TopicPartition P0 = new TopicPartition("chainwatch.alerts", 0);
    private static final TopicPartition P1 = new TopicPartition("chainwatch.alerts", 1);
    /** The size rule alone (digests above 20 queued): the time rule is {@link ChatSchedulerDigestAfterTest}'s. */
    private static final Pacing PACING = new Pacing(Duration.ofMillis(1111), Duration.ofSeconds(3), 20, Duration
            .ofDays(1), 100,
            Duration.ofSeconds(4), Duration.ofSeconds(30), 4);

    private final ChatScheduler scheduler = new ChatScheduler(PACING);
    private long offset;

    private QueuedAlert enqueue(long chatId, long now) {
        return enqueue(chatId, P0, now);
    }

    private QueuedAlert enqueue(long chatId, TopicPartition partition, long now) {
        QueuedAlert queued = new QueuedAlert(partition, offset, alert().chat(chatId).logIndex((int) offset++).build(),
                now);
        scheduler.enqueue(queued, now);
        return queued;
    }

    private Dispatch sendNext(long now) {
        Dispatch dispatch = scheduler.next(now).orElseThrow();
        scheduler.completed(dispatch, dispatch.alerts(), true, now);
        return dispatch;
    }

    @Test
    void shouldTellAProgressStepWhetherANewAlertWaitsBehindIt() {
        QueuedAlert progress = new QueuedAlert(P0, offset++, alert().chat(7).phase(AlertPhase.PROGRESS).build(), 0);
        QueuedAlert laterProgress = new QueuedAlert(P0, offset++, alert().chat(7).logIndex(1).phase(
                AlertPhase.PROGRESS).build(), 0);
        scheduler.enqueue(progress, 0);
        scheduler.enqueue(laterProgress, 0);

        Dispatch first = scheduler.next(0).orElseThrow();
        assertThat(first.alerts()).containsExactly(progress);
        assertThat(first.chatBusy()).as("only another progress step behind").isFalse();
        scheduler.completed(first, first.alerts(), false, 0); // skipped: no message, no pacing
        enqueue(7, 0); // a new announcement arrives behind the second step

        Dispatch second = scheduler.next(0).orElseThrow();
        assertThat(second.alerts()).containsExactly(laterProgress);
        assertThat(second.chatBusy()).isTrue();
    }

    @Test
    void shouldHoldProgressBackUntilTheChatHasBeenQuietForTheProgressWindow() {
        enqueue(7, 0);
        sendNext(0); // a new alert, sent at 0
        QueuedAlert step = new QueuedAlert(P0, offset++, alert().chat(7).phase(AlertPhase.PROGRESS).build(), 1_200);
        scheduler.enqueue(step, 1_200);

        Dispatch soon = scheduler.next(1_200).orElseThrow();
        assertThat(soon.chatBusy()).as("1.2 s after a new alert").isTrue();
        scheduler.completed(soon, soon.alerts(), false, 1_200);
        QueuedAlert later = new QueuedAlert(P0, offset++, alert().chat(7).logIndex(9).phase(AlertPhase.PROGRESS)
                .build(), 4_000);
        scheduler.enqueue(later, 4_000);
        assertThat(scheduler.next(4_000)).map(Dispatch::chatBusy).contains(false);
    }

    @Test
    void shouldServeEveryQuietChatBeforeTheBusyChatsSecondMessage() {
        for (int i = 0; i < 1_000; i++) {
            enqueue(1, 0);
        }
        for (long chat = 100; chat < 150; chat++) {
            enqueue(chat, 1);
        }
        // the busy chat goes first (it was eligible first), then it must wait its 1.1 s
        assertThat(sendNext(10).chatId()).isEqualTo(1);
        Set<Long> served = new HashSet<>();
        long now = 10;
        for (int i = 0; i < 50; i++) {
            now += 20; // 50 messages at the global rate of 25/s and 20 ms each: well inside the busy chat's interval
            served.add(sendNext(now).chatId());
        }
        assertThat(served).hasSize(50).doesNotContain(1L);
        assertThat(scheduler.next(now)).isEmpty();
        assertThat(scheduler.next(10 + 1111)).map(Dispatch::chatId).contains(1L);
    }

    @Test
    void shouldServeFiveHundredQuietChatsAtTheGlobalRateWhileOneChatHasAThousandQueued() { // issue #5, at its size
        for (int i = 0; i < 1_000; i++) {
            enqueue(1, 0);
        }
        for (long chat = 100; chat < 600; chat++) {
            enqueue(chat, 5);
        }
        long globalInterval = 40; // 25 messages/s
        long now = 10;
        long lastQuiet = 0;
        int busyTurns = 0;
        Set<Long> served = new HashSet<>();
        while (served.size() < 500) {
            Optional<Dispatch> next = scheduler.next(now);
            if (next.isEmpty()) {
                now = scheduler.nextWakeup(now).orElseThrow();
                continue;
            }
            Dispatch dispatch = next.get();
            if (dispatch.chatId() == 1) {
                busyTurns++;
                assertThat(dispatch.digest()).isTrue();
                // the formatter packs what fits in 4,096 characters, about 15 of them
                scheduler.completed(dispatch, dispatch.alerts().subList(0, 15), true, now);
            } else {
                served.add(dispatch.chatId());
                lastQuiet = now;
                scheduler.completed(dispatch, dispatch.alerts(), true, now);
            }
            now += globalInterval;
        }
        // 500 messages at 25/s take 20 s; the busy chat may add no more than its own pace (one per 1.111 s)
        assertThat(busyTurns).isLessThanOrEqualTo((int) (lastQuiet / 1111) + 1);
        assertThat(lastQuiet).isLessThanOrEqualTo(500 * globalInterval + busyTurns * globalInterval);
        assertThat(scheduler.size(1)).isEqualTo(1_000 - 15 * busyTurns);
    }

    @Test
    void shouldPaceAPrivateChatAndAGroupAtTheirOwnRates() {
        enqueue(5, 0);
        enqueue(5, 0);
        enqueue(-5, 0);
        enqueue(-5, 0);
        sendNext(0);
        sendNext(0);

        assertThat(scheduler.next(1110)).isEmpty();
        assertThat(scheduler.nextWakeup(1110)).hasValue(1111);
        assertThat(sendNext(1111).chatId()).isEqualTo(5);
        assertThat(scheduler.next(2999)).isEmpty();
        assertThat(sendNext(3000).chatId()).isEqualTo(-5);
    }

    @Test
    void shouldNotDispatchTwoMessagesOfOneChatAtOnce() {
        enqueue(5, 0);
        enqueue(5, 0);
        Dispatch first = scheduler.next(0).orElseThrow();

        assertThat(scheduler.next(10_000)).isEmpty();
        scheduler.completed(first, first.alerts(), true, 10_000);
        assertThat(scheduler.next(11_111)).isPresent();
    }

    @Test
    void shouldKeepEachChatsAlertsInOrder() {
        List<QueuedAlert> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(enqueue(5, 0));
        }
        List<QueuedAlert> sent = new ArrayList<>();
        for (long now = 0; sent.size() < 5; now += 1111) {
            sent.addAll(sendNext(now).alerts());
        }
        assertThat(sent).containsExactlyElementsOf(queued);
    }

    @Test
    void shouldPauseOnlyThatChatWhenTelegramAsksTheChatToWait() {
        enqueue(5, 0);
        enqueue(6, 0);
        Dispatch five = scheduler.next(0).orElseThrow();
        scheduler.chatRetryAt(five, 7_000);

        assertThat(sendNext(1).chatId()).isEqualTo(6);
        assertThat(scheduler.next(6_999)).isEmpty();
        assertThat(scheduler.next(7_000)).map(Dispatch::chatId).contains(5L);
    }

    @Test
    void shouldSendNothingAtAllDuringAGlobalPause() {
        enqueue(5, 0);
        enqueue(6, 0);
        scheduler.pauseAll(5_000);

        assertThat(scheduler.next(4_999)).isEmpty();
        assertThat(scheduler.nextWakeup(4_999)).hasValue(5_000);
        assertThat(scheduler.next(5_000)).isPresent();
    }

    @Test
    void shouldBackOffExponentiallyUpToThirtySecondsOnTransientFailures() {
        enqueue(5, 0);
        long now = 0;
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Dispatch dispatch = scheduler.next(now).orElseThrow();
            scheduler.failedTransiently(dispatch, now);
            long wake = scheduler.nextWakeup(now).orElseThrow();
            waits.add(wake - now);
            now = wake;
        }
        assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        sendNext(now);
        assertThat(scheduler.size()).isZero();
    }

    @Test
    void shouldHandOutADigestBatchWhenTheBacklogExceedsTheThreshold() {
        for (int i = 0; i < 21; i++) {
            enqueue(5, 0);
        }
        Dispatch dispatch = scheduler.next(0).orElseThrow();

        assertThat(dispatch.alerts()).hasSize(21);
        assertThat(dispatch.digest()).isTrue();
    }

    @Test
    void shouldSendSinglyWhileTheBacklogIsAtTheThreshold() {
        for (int i = 0; i < 20; i++) {
            enqueue(5, 0);
        }
        assertThat(scheduler.next(0).orElseThrow().alerts()).hasSize(1);
    }

    @Test
    void shouldFallBackToSingleMessagesWhenADigestIsRejected() {
        for (int i = 0; i < 30; i++) {
            enqueue(5, 0);
        }
        Dispatch digest = scheduler.next(0).orElseThrow();
        scheduler.digestRejected(digest);

        Dispatch single = scheduler.next(0).orElseThrow();
        assertThat(single.alerts()).hasSize(1);
    }

    @Test
    void shouldRemoveOnlyTheAlertsThatWereDoneWhenADigestCarriedPartOfTheBatch() {
        for (int i = 0; i < 30; i++) {
            enqueue(5, 0);
        }
        Dispatch digest = scheduler.next(0).orElseThrow();
        scheduler.completed(digest, digest.alerts().subList(0, 12), true, 0);

        assertThat(scheduler.size(5)).isEqualTo(18);
        assertThat(scheduler.next(1111).orElseThrow().alerts()).hasSize(1);
    }

    @Test
    void shouldMoveEverythingQueuedToTheNewChatWhenAChatMigrates() {
        QueuedAlert a = enqueue(-5, 0);
        enqueue(-5, 0);
        Dispatch dispatch = scheduler.next(0).orElseThrow();
        scheduler.migrate(dispatch, -1005, 0);

        assertThat(scheduler.size(-5)).isZero();
        assertThat(scheduler.size(-1005)).isEqualTo(2);
        Dispatch moved = scheduler.next(0).orElseThrow();
        assertThat(moved.chatId()).isEqualTo(-1005);
        assertThat(moved.alerts().get(0).alert().getChatId()).isEqualTo(-1005);
        assertThat(moved.alerts().get(0).alert().getId()).isEqualTo(a.alert().getId());
    }

    @Test
    void shouldDropQueuedAlertsOfLostPartitionsButKeepThoseInFlight() {
        enqueue(5, P0, 0);
        enqueue(5, P0, 0);
        enqueue(6, P1, 0);
        Dispatch inFlight = scheduler.next(0).orElseThrow();

        List<QueuedAlert> removed = scheduler.removePartitions(Set.of(P0));

        assertThat(removed).hasSize(1);
        assertThat(scheduler.inFlightCount(Set.of(P0))).isEqualTo(1);
        scheduler.completed(inFlight, inFlight.alerts(), true, 0);
        assertThat(scheduler.inFlightCount(Set.of(P0))).isZero();
        assertThat(scheduler.size()).isEqualTo(1);
    }

    @Test
    void shouldReportThePartitionsOfFullChats() {
        for (int i = 0; i < 3; i++) {
            enqueue(5, P1, 0);
        }
        enqueue(6, P0, 0);

        assertThat(scheduler.partitionsOfChatsHolding(3)).containsExactly(P1);
    }

    @Test
    void shouldReportTheOldestQueuedAlert() {
        assertThat(scheduler.oldestEnqueuedAt()).isEmpty();
        enqueue(5, 100);
        enqueue(6, 50);

        assertThat(scheduler.oldestEnqueuedAt()).hasValue(50);
    }

    @Test
    void shouldLetAChatGoAgainWithoutPacingWhenNothingWasSent() {
        enqueue(5, 0);
        enqueue(5, 0);
        Dispatch dispatch = scheduler.next(0).orElseThrow();
        scheduler.completed(dispatch, dispatch.alerts(), false, 0);

        assertThat(scheduler.next(0)).map(Dispatch::chatId).isEqualTo(Optional.of(5L));
    }

    @Test
    void shouldWaitOnePacingIntervalBeforeWritingToAChatTakenOverFromAnotherInstance() {
        scheduler.coldStart(10_000);
        enqueue(5, 10_000);
        enqueue(-5, 10_000);

        assertThat(scheduler.next(11_110)).isEmpty();
        assertThat(sendNext(11_111).chatId()).isEqualTo(5);
        assertThat(scheduler.next(12_999)).isEmpty();
        assertThat(sendNext(13_000).chatId()).isEqualTo(-5);
        enqueue(6, 20_000); // first seen long after the takeover: no wait
        assertThat(scheduler.next(20_000)).map(Dispatch::chatId).contains(6L);
    }

    /** Issue #14 (ComposeIT, a 429 once): a partition that moved away and back took the chat's old pacing along. */
    @Test
    void shouldWaitOnePacingIntervalFromTheTakeoverWhenAChatsPartitionComesBack() {
        enqueue(5, P0, 0);
        sendNext(0); // this instance may write to chat 5 again at 1,111
        scheduler.removePartitions(Set.of(P0)); // another instance takes chat 5 over, and may write to it

        scheduler.coldStart(1_000); // ... and gives it back at 1,000
        enqueue(5, P0, 1_000);

        assertThat(scheduler.next(1_111)).isEmpty();
        assertThat(scheduler.next(2_110)).isEmpty();
        assertThat(sendNext(2_111).chatId()).isEqualTo(5);
    }
}
