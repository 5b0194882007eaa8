package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.alerts;
import static io.chainwatch.notifier.NotifierHarness.chats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.Topics;

/**
 * Issue #19: in a burst a chat's backlog goes as digests once an alert would wait longer than
 * {@code NOTIFIER_DIGEST_AFTER} (1 s) in its queue, against a real broker, the local Redis (shared budget, ledger) and
 * the strict Bot API double, at the product defaults. Four private chats and a group get 2 alerts a second for 6 s
 * while 60 other chats get one each: the busy chats' alerts come out as digests within the chat's interval plus the
 * budget's wait, the others as single messages; every alert exactly once, no 429.
 */
class BurstDigestIT extends WithNotifierHarness {

    private static final Logger LOG = LoggerFactory.getLogger(BurstDigestIT.class);
    private static final int ROUNDS = 12; // every 500 ms
    /** A group's interval (3 s) plus the budget's wait and the way through the broker and Redis. */
    private static final long GROUP_BOUND_MILLIS = 3_000 + 1_000;
    /** A private chat's interval (1.1 s) plus the budget's wait and the way through the broker and Redis. */
    private static final long PRIVATE_BOUND_MILLIS = 1_111 + 700;

    private static boolean digest(SentMessage message) {
        return message.text().contains(" new alerts</b> (digest");
    }

    @Test
    void shouldSendABurstToAFewChatsAsDigestsWithinTheBoundWhileOtherChatsGetSingleMessages() throws Exception {
        harness.start();
        List<Alert> warmUp = alerts(chats(1, false), 1);
        harness.produce(warmUp);
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.sentMessages().size() == 1);

        List<Long> busy = chats(4, false);
        long group = chats(1, true).get(0);
        List<Long> busyAndGroup = Stream.concat(busy.stream(), Stream.of(group)).toList();
        List<Long> quiet = chats(60, false);
        List<Alert> busyAlerts = new ArrayList<>();
        List<Alert> quietAlerts = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Alert> batch = new ArrayList<>(alerts(busyAndGroup, 1));
            busyAlerts.addAll(batch);
            List<Alert> singles = alerts(quiet.subList(round * 5, round * 5 + 5), 1);
            quietAlerts.addAll(singles);
            batch.addAll(singles);
            harness.produce(batch);
            Thread.sleep(500);
        }

        var end = harness.endOffsets(Topics.ALERTS);
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.committed(harness.group).equals(end));

        long slowestPrivate = 0;
        long slowestGroup = 0;
        for (Alert alert : Stream.concat(busyAlerts.stream(), quietAlerts.stream()).toList()) {
            List<SentMessage> mentioning = telegram.messagesTo(alert.getChatId()).stream().filter(m -> m.text()
                    .contains(alert.getTxHash())).toList();
            assertThat(mentioning).as("alert %s exactly once", alert.getTxHash()).hasSize(1);
            long latency = mentioning.get(0).at().toEpochMilli() - alert.getObservedAtMillis();
            if (alert.getChatId() < 0) {
                slowestGroup = Math.max(slowestGroup, latency);
            } else {
                slowestPrivate = Math.max(slowestPrivate, latency);
            }
        }
        for (long chat : busyAndGroup) {
            List<SentMessage> messages = telegram.messagesTo(chat);
            LOG.info("Burst: chat {} got its {} alerts in {} message(s), {} of them digests", chat, ROUNDS, messages
                    .size(), messages.stream().filter(BurstDigestIT::digest).count());
            assertThat(messages.stream().filter(BurstDigestIT::digest).count()).as("chat %s", chat)
                    .isGreaterThanOrEqualTo(messages.size() - 2);
            assertThat(messages.size()).isLessThan(ROUNDS * 2 / 3);
        }
        for (long chat : quiet) {
            assertThat(telegram.messagesTo(chat)).singleElement().satisfies(m -> assertThat(digest(m)).isFalse());
        }
        LOG.info("Burst: slowest alert to a private chat {} ms, to the group {} ms", slowestPrivate, slowestGroup);
        assertThat(slowestPrivate).isLessThanOrEqualTo(PRIVATE_BOUND_MILLIS);
        assertThat(slowestGroup).isLessThanOrEqualTo(GROUP_BOUND_MILLIS);
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }
}
