package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.chats;
import static io.chainwatch.notifier.NotifierHarness.randomHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.Topics;

/**
 * Issue #19 item 4: confirmation edits compete with new messages for the bot's 25/s. With the confirmation steps of
 * many chats pending, the new alerts of other chats take the global budget first, and the edits follow — one per
 * message, showing the deepest depth queued (the shallower steps are superseded without a Bot API call).
 */
class ProgressYieldIT extends WithNotifierHarness {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressYieldIT.class);
    private static final long BLOCK = 9_001;
    private static final int CHATS = 15;

    private static TestAlerts devnet(long chat, String tx) {
        return TestAlerts.alert().chain("devnet").chat(chat).tx(tx).block(BLOCK).observedAt(System
                .currentTimeMillis());
    }

    private static Alert announced(long chat, String tx) {
        return devnet(chat, tx).confirmations(0, 0).build();
    }

    private static Alert progress(long chat, String tx, int depth) {
        return devnet(chat, tx).confirmations(depth, 0).phase(AlertPhase.PROGRESS).build();
    }

    private void awaitAllCommitted() {
        var end = harness.endOffsets(Topics.ALERTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed(harness.group).equals(end));
    }

    private List<SentMessage> edits() {
        return telegram.sentMessages().stream().filter(SentMessage::edit).toList();
    }

    @Test
    void shouldSendEveryNewAlertBeforeTheEditsPendingInOtherChatsAndThenShowEachMessagesDeepestDepth() {
        List<Long> announcedChats = chats(CHATS, false);
        List<Long> freshChats = chats(CHATS, false);
        Map<Long, String> txs = announcedChats.stream()
                .collect(Collectors.toMap(Function.identity(), c -> randomHash()));
        Map<String, String> env = harness.env();
        env.put(NotifierSettings.PROGRESS_QUIET, "0s");
        // a budget slow enough that the new alerts and the edits queue for it: one call every 100 ms
        env.put(NotifierSettings.GLOBAL_RATE, "10");
        env.put(NotifierSettings.GLOBAL_BURST, "1");
        NotifierService first = harness.start(env);
        harness.produce(announcedChats.stream().map(c -> announced(c, txs.get(c))).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.sentMessages().size() == CHATS);
        awaitAllCommitted();
        first.close();

        // while the notifier is down, every announced chat's steps to 3, 6 and 12 pile up, then a new alert for each
        // other chat: after the restart all of them are queued before the first message may go (a pacing interval
        // after the takeover), the steps first
        List<Alert> pending = new ArrayList<>();
        for (int depth : new int[]{3, 6, 12}) {
            announcedChats.forEach(c -> pending.add(progress(c, txs.get(c), depth)));
        }
        List<Alert> fresh = freshChats.stream().map(c -> announced(c, randomHash())).toList();
        pending.addAll(fresh);
        harness.produce(pending);
        harness.start(env);

        await().atMost(Duration.ofSeconds(60)).until(() -> edits().size() >= CHATS && freshChats.stream().allMatch(
                c -> !telegram.messagesTo(c).isEmpty()));
        awaitAllCommitted();

        Instant lastNew = freshChats.stream().map(c -> telegram.messagesTo(c).get(0).at()).max(Comparator
                .naturalOrder()).orElseThrow();
        Instant firstEdit = edits().stream().map(SentMessage::at).min(Comparator.naturalOrder()).orElseThrow();
        LOG.info("Edits yield: the last of {} new alerts went at {}, the first of {} edits at {}", CHATS, lastNew,
                edits().size(), firstEdit);
        assertThat(firstEdit).as("no edit before the last new alert").isAfter(lastNew);
        for (long chat : announcedChats) {
            List<SentMessage> all = telegram.messagesTo(chat);
            assertThat(all).hasSize(2);
            assertThat(all.get(1).edit()).isTrue();
            assertThat(all.get(1).messageId()).isEqualTo(all.get(0).messageId());
            assertThat(all.get(1).text()).contains("Block " + BLOCK + " · 12 confirmations").contains(txs.get(chat));
        }
        for (Alert alert : fresh) {
            assertThat(telegram.messagesTo(alert.getChatId())).hasSize(1).allSatisfy(m -> assertThat(m.text())
                    .contains(alert.getTxHash()));
        }
        assertThat(telegram.requestCount("editMessageText")).as("superseded steps make no call").isEqualTo(CHATS);
        assertThat(harness.registry.find("chainwatch.notifier.progress.skipped").tag("reason", "superseded")
                .counter().count()).isEqualTo(2.0 * CHATS);
        assertThat(harness.registry.find("chainwatch.notifier.progress.deferred").functionCounter().count())
                .isPositive();
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }
}
