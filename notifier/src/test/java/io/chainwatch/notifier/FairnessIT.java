package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.alerts;
import static io.chainwatch.notifier.NotifierHarness.chats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.schema.Alert;

/**
 * Issue #5's fairness test at its own size, against a real broker, the local Redis (shared budget and ledger) and the
 * strict Bot API double, at the default limits (25/s for the bot, 0.9/s per private chat): one chat with 1,000 queued
 * alerts and 500 chats with one alert each. 500 messages at 25/s take 20 s, so the single-alert chats can be served
 * within 25 s only if the busy chat takes no more than its own pace (one digest per 1.1 s) while they wait.
 */
class FairnessIT extends WithNotifierHarness {

    private static final Logger LOG = LoggerFactory.getLogger(FairnessIT.class);
    private static final int BACKLOG = 1_000;
    private static final int QUIET_CHATS = 500;
    private static final Duration SERVE_EVERY_QUIET_CHAT_WITHIN = Duration.ofSeconds(25);

    /** The notifier is running and owns its partitions: one alert went through end to end. */
    private void awaitRunning() {
        List<Alert> warmUp = alerts(chats(1, false), 1);
        harness.start();
        harness.produce(warmUp);
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.sentMessages().size() == 1);
    }

    @Test
    void shouldServeFiveHundredSingleAlertChatsWithin25sWhileOneChatHasAThousandQueued() { // issue #5
        awaitRunning();
        long busy = chats(1, false).get(0);
        List<Long> quiet = chats(QUIET_CHATS, false);
        List<Alert> backlog = alerts(List.of(busy), BACKLOG);
        List<Alert> singles = alerts(quiet, 1);

        Instant start = Instant.now();
        harness.produce(backlog); // queued first: the busy chat is also the first to be eligible
        harness.produce(singles);

        await().atMost(SERVE_EVERY_QUIET_CHAT_WITHIN.plusSeconds(10)).pollInterval(Duration.ofMillis(250)).until(
                () -> quiet.stream().allMatch(c -> !telegram.messagesTo(c).isEmpty()));
        Map<Long, Instant> firstSent = quiet.stream().collect(Collectors.toMap(Function.identity(), c -> telegram
                .messagesTo(c).get(0).at()));
        Instant lastQuietServed = firstSent.values().stream().max(Comparator.naturalOrder()).orElseThrow();
        Duration slowest = Duration.between(start, lastQuietServed);
        List<SentMessage> busyWhileOthersWaited = telegram.messagesTo(busy).stream().filter(m -> !m.at().isAfter(
                lastQuietServed)).toList();
        LOG.info("Fairness: the last of {} single-alert chats was served {} ms after the start; the busy chat got {}"
                + " message(s) meanwhile", QUIET_CHATS, slowest.toMillis(), busyWhileOthersWaited.size());
        assertThat(slowest).isLessThan(SERVE_EVERY_QUIET_CHAT_WITHIN);
        // the turn it had before the others arrived, then at most one per round of all waiting chats (500 messages,
        // 20 s at 25/s; the round in progress counts): far below its own pace of 0.9/s, which would be 18 digests
        long round = QUIET_CHATS * 1000L / (long) NotifierSettings.DEFAULT_GLOBAL_RATE;
        assertThat(busyWhileOthersWaited.size()).isLessThanOrEqualTo(1 + (int) Math.ceilDiv(slowest.toMillis(),
                round));
        for (long chat : quiet) {
            assertThat(telegram.messagesTo(chat)).hasSize(1);
        }

        // the backlog drains as digests: every transaction once, every message within Telegram's 4,096 characters
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> announced(busy,
                backlog).size() == BACKLOG);
        List<SentMessage> toBusy = telegram.messagesTo(busy);
        LOG.info("Fairness: the busy chat's {} alerts arrived in {} digest(s)", BACKLOG, toBusy.size());
        assertThat(toBusy.size()).isLessThan(BACKLOG / 5);
        assertThat(toBusy).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(4096));
        long mentions = backlog.stream().mapToLong(a -> toBusy.stream().filter(m -> m.text().contains(a
                .getTxHash())).count()).sum();
        assertThat(mentions).isEqualTo(BACKLOG);
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    /** The alerts of {@code alerts} whose transaction hash some message to {@code chat} mentions. */
    private List<Alert> announced(long chat, List<Alert> alerts) {
        List<String> texts = telegram.messagesTo(chat).stream().map(SentMessage::text).toList();
        return alerts.stream().filter(a -> texts.stream().anyMatch(t -> t.contains(a.getTxHash()))).toList();
    }
}
