package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.chats;
import static io.chainwatch.notifier.NotifierHarness.randomHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.Topics;

/**
 * Issue #5 (notifier), item 6: a transaction announced at 0 confirmations has one message, edited in place as
 * confirmations arrive, and struck through if its block is orphaned; a progress step never becomes a message of its
 * own.
 */
class ProgressEditIT extends WithNotifierHarness {

    private static final long BLOCK = 8_128;

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

    private static Alert orphaned(long chat, String tx) {
        return devnet(chat, tx).confirmations(0, 0).phase(AlertPhase.ORPHANED).build();
    }

    private List<SentMessage> edits(long chat) {
        return telegram.messagesTo(chat).stream().filter(SentMessage::edit).toList();
    }

    /** Waits until every alert produced so far is committed, so nothing else can still be on its way. */
    private void awaitAllCommitted() {
        var end = harness.endOffsets(Topics.ALERTS);
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.committed(harness.group).equals(end));
    }

    @Test
    void shouldEditTheAnnouncementInPlaceAsConfirmationsArrive() {
        long chat = chats(1, false).get(0);
        String tx = randomHash();
        harness.start(editsAtOnce());

        // each step arrives once the one before is shown, as blocks come (queued together, the first would be
        // superseded by the second: ProgressYieldIT)
        harness.produce(List.of(announced(chat, tx), progress(chat, tx, 1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> edits(chat).size() >= 1);
        harness.produce(List.of(progress(chat, tx, 2)));

        await().atMost(Duration.ofSeconds(20)).until(() -> edits(chat).size() >= 2);
        awaitAllCommitted();
        List<SentMessage> all = telegram.messagesTo(chat);
        SentMessage original = all.get(0);
        assertThat(original.edit()).isFalse();
        assertThat(original.text()).contains("Block " + BLOCK + " · 0 confirmations").contains(tx);
        assertThat(all).hasSize(3);
        assertThat(all.subList(1, 3)).allSatisfy(e -> assertThat(e.edit()).isTrue()).allSatisfy(e -> assertThat(e
                .messageId()).isEqualTo(original.messageId()));
        assertThat(all.get(1).text()).contains("Block " + BLOCK + " · 1 confirmation\n");
        assertThat(all.get(2).text()).contains("Block " + BLOCK + " · 2 confirmations").contains(tx);
        // an edit is paced like a message
        assertThat(Duration.between(all.get(1).at(), all.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(
                1000));
        assertThat(harness.counter("chainwatch.notifier.edits")).isEqualTo(2);
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    @Test
    void shouldSkipAStepThatIsNotDeeperThanWhatTheMessageShows() {
        long chat = chats(1, false).get(0);
        String tx = randomHash();
        harness.start(editsAtOnce());

        // a replayed or reordered shallower step must not make the count step back
        harness.produce(List.of(announced(chat, tx), progress(chat, tx, 3), progress(chat, tx, 2)));

        awaitAllCommitted();
        List<SentMessage> all = telegram.messagesTo(chat);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).edit()).isTrue();
        assertThat(all.get(1).text()).contains("3 confirmations");
    }

    @Test
    void shouldSendNothingForProgressOfAnAlertThatWasNeverDelivered() {
        long chat = chats(1, false).get(0);
        String tx = randomHash();
        harness.start(editsAtOnce());

        harness.produce(List.of(progress(chat, tx, 1), progress(chat, tx, 2)));

        awaitAllCommitted();
        assertThat(telegram.messagesTo(chat)).isEmpty();
        assertThat(telegram.requestCount("editMessageText")).isZero();
    }

    @Test
    void shouldStillStrikeThroughTheMessageWhenTheBlockIsOrphanedAfterProgressEdits() {
        long chat = chats(1, false).get(0);
        String tx = randomHash();
        harness.start(editsAtOnce());

        harness.produce(List.of(announced(chat, tx), progress(chat, tx, 1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> edits(chat).size() >= 1);
        harness.produce(List.of(orphaned(chat, tx), progress(chat, tx, 2)));

        await().atMost(Duration.ofSeconds(20)).until(() -> edits(chat).size() >= 2);
        awaitAllCommitted();
        List<SentMessage> all = telegram.messagesTo(chat);
        assertThat(all).hasSize(3).allSatisfy(m -> assertThat(m.messageId()).isEqualTo(all.get(0).messageId()));
        assertThat(all.get(1).text()).contains("1 confirmation");
        // the step after the orphan is dropped: the message stays struck through
        assertThat(all.get(2).text()).startsWith("<s>").contains(tx).contains("Block " + BLOCK
                + " was orphaned by a reorg");
    }

    @Test
    void shouldLetANewAlertGoBeforeAProgressStepQueuedAheadOfIt() {
        long chat = chats(1, false).get(0);
        String first = randomHash();
        String second = randomHash();
        harness.start(editsAtOnce());
        harness.produce(List.of(announced(chat, first)));
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.messagesTo(chat).size() >= 1);

        harness.produce(List.of(progress(chat, first, 3), announced(chat, second)));

        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.messagesTo(chat).size() >= 2);
        awaitAllCommitted();
        assertThat(edits(chat)).as("the depth update yielded its turn to the new alert").isEmpty();
        assertThat(telegram.messagesTo(chat)).hasSize(2);
        assertThat(telegram.messagesTo(chat).get(1).text()).contains(second);
    }

    @Test
    void shouldDropProgressStepsWhileTheChatIsBacklogged() {
        long chat = chats(1, false).get(0);
        Map<String, String> env = editsAtOnce();
        env.put(NotifierSettings.DIGEST_THRESHOLD, "3");
        env.put(NotifierSettings.DIGEST_AFTER, "1h"); // the size rule: three announcements at once go singly
        List<String> txs = IntStream.range(0, 3).mapToObj(i -> randomHash()).toList();
        NotifierService first = harness.start(env);
        harness.produce(txs.stream().map(tx -> announced(chat, tx)).toList());
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.messagesTo(chat).size() == 3);
        assertThat(telegram.messagesTo(chat)).noneMatch(m -> m.text().contains("new alerts"));
        awaitAllCommitted();
        first.close();

        // while the notifier is down, progress of every announcement and fresh alerts pile up past the threshold
        List<String> fresh = IntStream.range(0, 2).mapToObj(i -> randomHash()).toList();
        List<Alert> backlog = new ArrayList<>();
        txs.forEach(tx -> backlog.add(progress(chat, tx, 1)));
        fresh.forEach(tx -> backlog.add(announced(chat, tx)));
        harness.produce(backlog);
        harness.start(env);

        awaitAllCommitted();
        List<SentMessage> all = telegram.messagesTo(chat);
        assertThat(all).hasSize(4).noneMatch(SentMessage::edit);
        assertThat(all.get(3).text()).contains("2 new alerts").contains(fresh.get(0)).contains(fresh.get(1));
    }

    /** The harness's settings with confirmation updates allowed right after a new alert (the default waits 4 s). */
    private Map<String, String> editsAtOnce() {
        Map<String, String> env = harness.env();
        env.put(NotifierSettings.PROGRESS_QUIET, "0s");
        return env;
    }
}
