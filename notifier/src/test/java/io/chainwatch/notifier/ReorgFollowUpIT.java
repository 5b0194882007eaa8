package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.chats;
import static io.chainwatch.notifier.NotifierHarness.randomHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertPhase;

/**
 * Issue "notifier: every alert delivered once": when a block is orphaned, the message that announced a transaction of
 * it is edited (struck through, the reorg explained) rather than followed by a second message; where it cannot be
 * edited, a new message says so.
 */
class ReorgFollowUpIT extends WithNotifierHarness {

    private static final long BLOCK = 4_711;

    @TempDir
    Path dataDir;

    private static Alert announced(long chat, String tx) {
        return TestAlerts.alert().chain("devnet").chat(chat).tx(tx).block(BLOCK).observedAt(System
                .currentTimeMillis()).build();
    }

    private static Alert orphaned(long chat, String tx) {
        return TestAlerts.alert().chain("devnet").chat(chat).tx(tx).block(BLOCK).phase(AlertPhase.ORPHANED)
                .observedAt(System.currentTimeMillis()).build();
    }

    private SentMessage awaitOne(long chat, boolean edit, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.messagesTo(chat).stream().filter(m -> m
                .edit() == edit).count() >= count);
        List<SentMessage> found = telegram.messagesTo(chat).stream().filter(m -> m.edit() == edit).toList();
        return found.get(found.size() - 1);
    }

    /** Settles for a moment, then returns everything the chat got. */
    private List<SentMessage> finalMessagesTo(long chat) {
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        return telegram.messagesTo(chat);
    }

    @Test
    void shouldStrikeThroughTheOriginalMessageWhenItsBlockWasOrphaned() {
        List<Long> chats = chats(3, false);
        List<String> txs = chats.stream().map(c -> randomHash()).toList();
        harness.start();
        List<Alert> originals = new ArrayList<>();
        List<Alert> orphans = new ArrayList<>();
        for (int i = 0; i < chats.size(); i++) {
            originals.add(announced(chats.get(i), txs.get(i)));
            orphans.add(orphaned(chats.get(i), txs.get(i)));
        }

        // the reorg follows at once: the edit must still wait for the chat's next turn
        List<Alert> both = new ArrayList<>(originals);
        both.addAll(orphans);
        harness.produce(both);

        List<SentMessage> sent = chats.stream().map(c -> awaitOne(c, false, 1)).toList();
        for (int i = 0; i < chats.size(); i++) {
            SentMessage edit = awaitOne(chats.get(i), true, 1);
            assertThat(edit.messageId()).isEqualTo(sent.get(i).messageId());
            assertThat(edit.text()).startsWith("<s>").contains(txs.get(i)).contains("Block " + BLOCK
                    + " was orphaned by a reorg; this transaction is no longer confirmed");
            // an edit counts against the chat's limit like a message: it waits the chat's interval
            assertThat(Duration.between(sent.get(i).at(), edit.at())).isGreaterThanOrEqualTo(Duration.ofMillis(
                    1000));
        }
        finalMessagesTo(chats.get(0));
        assertThat(chats).allSatisfy(c -> assertThat(telegram.messagesTo(c)).hasSize(2));
        assertThat(harness.counter("chainwatch.notifier.edits")).isEqualTo(chats.size());
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    @Test
    void shouldSendANewMessageWhenTheOriginalWasDeletedWithTheFileLedger() throws Exception {
        long chat = chats(1, false).get(0);
        String tx = randomHash();
        Map<String, String> env = harness.env();
        env.remove(NotifierSettings.REDIS_URL);
        env.put(NotifierSettings.DATA_DIR, dataDir.toString());
        harness.start(env);
        harness.produce(List.of(announced(chat, tx)));
        SentMessage original = awaitOne(chat, false, 1);
        deleteMessage(chat, original.messageId());

        harness.produce(List.of(orphaned(chat, tx)));

        SentMessage followUp = awaitOne(chat, false, 2);
        assertThat(followUp.text()).contains("was orphaned; this transaction is no longer confirmed").contains(tx);
        assertThat(finalMessagesTo(chat)).noneMatch(SentMessage::edit).hasSize(2);
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    @Test
    void shouldSendANewMessageWhenTheOriginalWasADigestOfSeveralAlerts() {
        long chat = chats(1, false).get(0);
        List<Alert> backlog = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            backlog.add(announced(chat, randomHash()));
        }
        harness.produce(backlog); // queued before the service starts: above the digest threshold
        harness.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> backlog.stream().allMatch(a -> telegram.messagesTo(chat)
                .stream().anyMatch(m -> m.text().contains(a.getTxHash()))));
        int before = telegram.messagesTo(chat).size();
        SentMessage digest = telegram.messagesTo(chat).stream().filter(m -> m.text().contains("new alerts"))
                .findFirst().orElseThrow();
        String inDigest = backlog.stream().map(Alert::getTxHash).filter(digest.text()::contains).findFirst()
                .orElseThrow();

        harness.produce(List.of(orphaned(chat, inDigest)));

        SentMessage followUp = awaitOne(chat, false, before + 1);
        assertThat(followUp.text()).contains("was orphaned").contains(inDigest);
        assertThat(finalMessagesTo(chat)).noneMatch(SentMessage::edit).hasSize(before + 1);
    }

    @Test
    void shouldSendANewMessageWhenTheOriginalMessageIsUnknown() {
        long chat = chats(1, false).get(0);
        String tx = randomHash();
        harness.start();

        harness.produce(List.of(orphaned(chat, tx)));

        assertThat(awaitOne(chat, false, 1).text()).contains("was orphaned").contains(tx);
        assertThat(finalMessagesTo(chat)).hasSize(1);
    }

    private void deleteMessage(long chat, int messageId) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot"
                    + NotifierHarness.TOKEN + "/deleteMessage")).header("Content-Type", "application/json").POST(
                            HttpRequest.BodyPublishers.ofString("{\"chat_id\":" + chat + ",\"message_id\":"
                                    + messageId + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}
