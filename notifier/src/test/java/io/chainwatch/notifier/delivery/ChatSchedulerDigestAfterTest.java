package io.chainwatch.notifier.delivery;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.chainwatch.notifier.delivery.ChatScheduler.Dispatch;
import io.chainwatch.notifier.delivery.ChatScheduler.Pacing;
import io.chainwatch.schema.AlertPhase;

/**
 * Issue #19: a chat's backlog goes as one digest once an alert would otherwise wait longer than
 * {@code NOTIFIER_DIGEST_AFTER} in its queue. Driven by explicit times (the injected clock), the global budget and
 * the sends played by the test.
 */
class ChatSchedulerDigestAfterTest {

    private static final TopicPartition P0 = new TopicPartition("chainwatch.alerts", 0);
    private static final long PRIVATE_INTERVAL = 1111;
    /** The product defaults: 0.9/s per private chat, 20/min per group, digests above 20 or after 1 s. */
    private static final Pacing PACING = new Pacing(Duration.ofMillis(PRIVATE_INTERVAL), Duration.ofSeconds(3), 20,
            Duration.ofSeconds(1), 100, Duration.ofSeconds(4), Duration.ofSeconds(30), 4);

    private final ChatScheduler scheduler = new ChatScheduler(PACING);
    private long offset;

    private QueuedAlert enqueue(long chatId, long now) {
        QueuedAlert queued = new QueuedAlert(P0, offset, alert().chat(chatId).logIndex((int) offset++).build(), now);
        scheduler.enqueue(queued, now);
        return queued;
    }

    private QueuedAlert step(long chatId, long now) {
        QueuedAlert queued = new QueuedAlert(P0, offset, alert().chat(chatId).logIndex((int) offset++).phase(
                AlertPhase.PROGRESS).build(), now);
        scheduler.enqueue(queued, now);
        return queued;
    }

    private Dispatch sendNext(long now) {
        Dispatch dispatch = scheduler.next(now).orElseThrow();
        scheduler.completed(dispatch, dispatch.alerts(), true, now);
        return dispatch;
    }

    @Test
    void shouldSendAQuietChatsAlertAsASingleMessage() {
        enqueue(5, 0);
        assertThat(sendNext(0).alerts()).hasSize(1);
        enqueue(5, 3_000);
        assertThat(sendNext(3_000).alerts()).hasSize(1);
    }

    @Test
    void shouldFoldWhatArrivedDuringTheChatsIntervalIntoOneDigestAtItsNextTurn() {
        enqueue(5, 0);
        assertThat(sendNext(0).alerts()).hasSize(1);
        QueuedAlert a = enqueue(5, 300);
        QueuedAlert b = enqueue(5, 800);

        assertThat(scheduler.next(1_110)).isEmpty();
        Dispatch digest = sendNext(1_111);
        assertThat(digest.alerts()).containsExactly(a, b);
        assertThat(digest.digest()).isTrue();
    }

    @Test
    void shouldDigestAGroupsSecondAlertRatherThanHoldItThreeSeconds() {
        enqueue(-5, 0);
        enqueue(-5, 0);

        assertThat(sendNext(0).alerts()).hasSize(2);
    }

    @Test
    void shouldKeepTheConfirmationEditOfAQuietChatAndLeaveTrailingStepsOutOfADigest() {
        QueuedAlert lone = step(5, 0);
        Dispatch edit = scheduler.next(10_000).orElseThrow();
        assertThat(edit.alerts()).containsExactly(lone);
        assertThat(edit.progressEdit()).as("steps alone are never digested by time").isTrue();
        scheduler.completed(edit, edit.alerts(), true, 10_000);

        QueuedAlert first = enqueue(5, 20_000);
        QueuedAlert second = enqueue(5, 20_000);
        QueuedAlert trailing = step(5, 20_000);
        Dispatch digest = sendNext(20_000);
        assertThat(digest.alerts()).containsExactly(first, second);
        assertThat(scheduler.size(5)).isEqualTo(1);
        assertThat(scheduler.next(20_000 + PRIVATE_INTERVAL)).map(Dispatch::alerts).contains(List.of(trailing));
    }

    /**
     * The soak's burst: 20 private chats get 2 alerts a second each for 10 s while 100 quiet chats get one alert
     * each (10 a second), with the bot's budget at 25/s in bursts of 5. At one message per 1.1 s the busy chats alone
     * would want 18/s, so the budget is nearly full; every alert goes exactly once, in order; the busy chats' alerts
     * go as digests within one interval of the chat plus the wait for the budget, the quiet chats' as single
     * messages.
     */
    @Test
    void shouldBoundTheWaitOfABurstToAFewChatsWhileOtherChatsGetSingleMessages() {
        List<Long> busy = java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList();
        Map<Long, List<Long>> arrivals = new HashMap<>(); // when each of a chat's alerts arrives
        for (long chat : busy) {
            List<Long> times = new ArrayList<>();
            for (long t = chat * 37; t < 10_000; t += 500) {
                times.add(t);
            }
            arrivals.put(chat, times);
        }
        for (long chat = 100; chat < 200; chat++) {
            arrivals.put(chat, List.of((chat - 100) * 100)); // 10 a second for 10 s
        }
        Map<QueuedAlert, Long> sentAt = new HashMap<>();
        Map<Long, List<QueuedAlert>> sentInOrder = new HashMap<>();
        Map<Long, List<Integer>> messageSizes = new HashMap<>();
        int expected = arrivals.values().stream().mapToInt(List::size).sum();
        long nextToken = 0;
        for (long now = 0; sentAt.size() < expected && now < 60_000; now++) {
            for (Map.Entry<Long, List<Long>> chat : arrivals.entrySet()) {
                if (chat.getValue().contains(now)) {
                    enqueue(chat.getKey(), now);
                }
            }
            while (now >= nextToken) {
                Optional<Dispatch> next = scheduler.next(now);
                if (next.isEmpty()) {
                    break;
                }
                Dispatch dispatch = next.get();
                scheduler.budgetTaken(dispatch);
                for (QueuedAlert alert : dispatch.alerts()) {
                    assertThat(sentAt.put(alert, now)).as("sent once").isNull();
                    sentInOrder.computeIfAbsent(dispatch.chatId(), c -> new ArrayList<>()).add(alert);
                }
                messageSizes.computeIfAbsent(dispatch.chatId(), c -> new ArrayList<>()).add(dispatch.alerts().size());
                scheduler.completed(dispatch, dispatch.alerts(), true, now);
                nextToken = Math.max(nextToken + 40, now - 200); // 25/s, a burst of 5
            }
        }

        assertThat(sentAt).hasSize(expected);
        sentInOrder.values().forEach(alerts -> assertThat(alerts).isSortedAccordingTo((x, y) -> Long.compare(x
                .offset(), y.offset())));
        long busiestWait = sentAt.entrySet().stream().filter(e -> busy.contains(e.getKey().chatId())).mapToLong(
                e -> e.getValue() - e.getKey().enqueuedAtMillis()).max().orElseThrow();
        System.out.println("busiest wait " + busiestWait + " ms, quiet " + quietWait(sentAt, busy) + " ms");
        assertThat(busiestWait).as("one interval of the chat and a few budget slots, not 1.1 s per alert ahead")
                .isLessThanOrEqualTo(PRIVATE_INTERVAL + 400);
        for (long chat : busy) {
            assertThat(messageSizes.get(chat)).as("the first alone, then digests").startsWith(1).hasSizeLessThan(
                    arrivals.get(chat).size());
            List<Integer> sizes = messageSizes.get(chat);
            assertThat(sizes.subList(1, sizes.size() - 1)).as("the last may find one left").allMatch(n -> n >= 2);
        }
        for (long chat = 100; chat < 200; chat++) {
            assertThat(messageSizes.get(chat)).containsExactly(1);
        }
    }

    private static long quietWait(Map<QueuedAlert, Long> sentAt, List<Long> busy) {
        return sentAt.entrySet().stream().filter(e -> !busy.contains(e.getKey().chatId())).mapToLong(e -> e.getValue()
                - e.getKey().enqueuedAtMillis()).max().orElseThrow();
    }
}
