package io.chainwatch.bot.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.bot.TestDatabase;
import io.chainwatch.devkit.AnvilNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The tracker on anvil and Postgres: each way a transaction's story can go — mined before it was tracked, pending then
 * mined, sped up, cancelled, dropped, never seen, moved by a reorg — told by edits of one message, and picked up again
 * by a new tracker after a restart. The messages are recorded here; the bot's own sending is tested with the Bot API
 * double in {@code TrackIT}.
 */
class TrackerIT {

    private static final long CHAT = 4242;
    private static final Duration FAST = Duration.ofMillis(100);
    private static final TrackPolicy.Patience PATIENCE = new TrackPolicy.Patience(Duration.ofSeconds(3), Duration
            .ofSeconds(3));

    static AnvilNode anvil;
    static List<String> accounts;
    static TestDatabase database;
    static Jdbi jdbi;

    private final RecordingMessages messages = new RecordingMessages();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Long> ended = new CopyOnWriteArrayList<>();
    private static final AtomicLong WATCH_IDS = new AtomicLong(100);
    private TrackedStore store;
    private Tracker tracker;

    @BeforeAll
    static void startNodeAndDatabase() {
        anvil = AnvilNode.start();
        accounts = anvil.accounts();
        database = TestDatabase.create();
        Flyway.configure().dataSource(database.url(), database.user(), "").locations("classpath:db/migration").load()
                .migrate();
        jdbi = Jdbi.create(database.url(), database.user(), "");
        jdbi.useHandle(h -> h.execute("INSERT INTO chats (id) VALUES (?)", CHAT));
    }

    @AfterAll
    static void stop() {
        anvil.close();
        database.close();
    }

    @BeforeEach
    void startTracker() {
        store = new TrackedStore(jdbi);
        tracker = newTracker().start();
    }

    @AfterEach
    void closeTracker() {
        tracker.close();
        anvil.setAutomine(true);
    }

    private Tracker newTracker() {
        Tracker.Pace pace = new Tracker.Pace(FAST, FAST, FAST, FAST, FAST, PATIENCE);
        Tracker.Nodes nodes = new Tracker.Nodes() {
            @Override
            public ChainRpc ask(String chain) {
                return (method, params) -> anvil.rpc(method, params);
            }

            @Override
            public boolean follows(String chain) {
                return !chain.equals("retired"); // a chain the operator took out of the configuration
            }
        };
        return new Tracker(store, nodes, TrackerIT::story, messages,
                (chat, watch) -> {
                    jdbi.useHandle(h -> h.execute("DELETE FROM watches WHERE id = ? AND chat_id = ?", watch, chat));
                    ended.add(watch);
                }, pace, Clock.systemUTC(), meters);
    }

    /** A text that changes exactly when what the message must say changes. */
    static String story(Tracked t, Optional<TxStatus> latest) {
        String confirmations = latest.filter(TxStatus.Mined.class::isInstance).map(TxStatus.Mined.class::cast).map(
                m -> m.finalized() ? " final" : " mined").orElse("");
        return t.phase() + " " + t.current() + t.block().stream().mapToObj(b -> " block " + b).findFirst().orElse("")
                + t.replacement().map(r -> " " + r.how()).orElse("") + t.orphanedBlock().stream().mapToObj(
                        b -> " orphaned " + b).findFirst().orElse("")
                + confirmations;
    }

    /** A tracked row as the bot writes it when a chat asks, answered by message {@code messageId}. */
    private long track(String hash, long messageId) {
        return track("devnet", hash, messageId);
    }

    private long track(String chain, String hash, long messageId) {
        long watch = WATCH_IDS.incrementAndGet();
        jdbi.useHandle(h -> h.execute("INSERT INTO watches (id, chat_id, chain, target_type, value) VALUES (?, ?, ?,"
                + " 'TX', ?)", watch, CHAT, chain, hash.toLowerCase()));
        Tracked asked = Tracked.asked(watch, CHAT, chain, hash.toLowerCase(), Instant.now()).withMessageId(
                messageId);
        store.insert(asked, story(asked, Optional.empty()), Instant.now());
        return watch;
    }

    private List<String> texts(long messageId) {
        return messages.edits.stream().filter(e -> e.messageId == messageId).map(e -> e.text).toList();
    }

    private String last(long messageId) {
        List<String> texts = texts(messageId);
        return texts.isEmpty() ? "" : texts.get(texts.size() - 1);
    }

    private String send(String from, String to, BigInteger wei, long nonce, long maxFeeGwei) {
        return anvil.rpc("eth_sendTransaction", Map.of("from", from, "to", to, "value", hex(wei), "nonce",
                hex(BigInteger.valueOf(nonce)), "gas", "0x5208", "maxFeePerGas", hex(BigInteger
                        .valueOf(maxFeeGwei).multiply(BigInteger.TEN.pow(9))),
                "maxPriorityFeePerGas", hex(
                        BigInteger.valueOf(maxFeeGwei).multiply(BigInteger.TEN.pow(9)))))
                .asText();
    }

    private static String hex(BigInteger value) {
        return "0x" + value.toString(16);
    }

    private long nonce(String account) {
        return Long.decode(anvil.rpc("eth_getTransactionCount", account, "pending").asText());
    }

    @Test
    void shouldTellATransactionMinedBeforeItWasTrackedUntilItsBlockIsFinal() {
        String hash = anvil.sendEth(accounts.get(0), accounts.get(1), BigInteger.ONE);
        JsonNode receipt = await().until(() -> anvil.receipt(hash), Optional::isPresent).orElseThrow();
        long block = Long.decode(receipt.path("blockNumber").asText());
        anvil.mine(3);

        long watch = track(hash, 11);

        await().until(() -> last(11).equals("MINED " + hash + " block " + block + " mined"));
        anvil.mine(64);
        await().until(() -> ended.contains(watch));
        assertThat(texts(11)).containsExactly("MINED " + hash + " block " + block + " mined", "FINAL " + hash
                + " block " + block + " final");
        assertThat(store.find(watch)).as("the row went with its watch").isEmpty();
    }

    @Test
    void shouldFollowAPendingTransactionIntoItsBlockAcrossARestartOfTheTracker() {
        anvil.setAutomine(false);
        String hash = anvil.sendEth(accounts.get(2), accounts.get(3), BigInteger.TEN);
        long watch = track(hash, 12);
        await().until(() -> last(12).equals("PENDING " + hash));

        tracker.close();
        tracker = newTracker().start();
        anvil.mine(1);

        await().until(() -> last(12).startsWith("MINED " + hash + " block "));
        assertThat(texts(12)).as("the restarted tracker did not repeat what the message said").hasSize(2);
        assertThat(store.find(watch)).hasValueSatisfying(row -> assertThat(row.tracked().phase()).isEqualTo(
                TrackPhase.MINED));
    }

    @Test
    void shouldFollowTheSpeedUpInTheSameMessage() {
        anvil.setAutomine(false);
        String sender = accounts.get(4);
        long nonce = nonce(sender);
        String slow = send(sender, accounts.get(5), BigInteger.TWO, nonce, 2);
        track(slow, 13);
        await().until(() -> last(13).equals("PENDING " + slow));

        String fast = send(sender, accounts.get(5), BigInteger.TWO, nonce, 20);
        anvil.mine(1);

        await().until(() -> last(13).contains(" SPED_UP"));
        assertThat(last(13)).startsWith("MINED " + fast.toLowerCase() + " block ");
    }

    @Test
    void shouldRecogniseACancel() {
        anvil.setAutomine(false);
        String sender = accounts.get(6);
        long nonce = nonce(sender);
        String payment = send(sender, accounts.get(7), BigInteger.TEN.pow(18), nonce, 2);
        track(payment, 14);
        await().until(() -> last(14).equals("PENDING " + payment));

        String cancel = send(sender, sender, BigInteger.ZERO, nonce, 20);
        anvil.mine(1);

        await().until(() -> last(14).contains(" CANCELLED"));
        assertThat(last(14)).startsWith("MINED " + cancel.toLowerCase());
    }

    @Test
    void shouldReportATransactionThatLeftThePoolAsDroppedWhenItDoesNotComeBack() {
        anvil.setAutomine(false);
        String hash = anvil.sendEth(accounts.get(8), accounts.get(9), BigInteger.ONE);
        long watch = track(hash, 15);
        await().until(() -> last(15).equals("PENDING " + hash));

        anvil.rpc("anvil_dropTransaction", hash);

        await().until(() -> ended.contains(watch));
        assertThat(texts(15)).containsExactly("PENDING " + hash, "GONE " + hash, "DROPPED " + hash);
        assertThat(meters.counter("chainwatch.bot.tracker.looks", "outcome", "changed").count()).isEqualTo(2);
        assertThat(meters.counter("chainwatch.bot.tracker.looks", "outcome", "ended").count()).isEqualTo(1);
    }

    @Test
    void shouldStopLookingForAHashNoNodeKnowsAfterItsPatienceRanOut() {
        String unknown = "0x" + "cd".repeat(32);
        long watch = track(unknown, 16);

        await().until(() -> ended.contains(watch));
        assertThat(texts(16)).containsExactly("NOT_FOUND " + unknown);
    }

    @Test
    void shouldSayWhichBlockAReorgTookAndWhereTheTransactionWasMinedAgain() {
        anvil.setAutomine(false);
        String sender = accounts.get(1);
        long nonce = nonce(sender);
        String hash = send(sender, accounts.get(2), BigInteger.ONE, nonce, 3);
        anvil.mine(1);
        long block = anvil.blockNumber();
        track(hash, 17);
        await().until(() -> last(17).equals("MINED " + hash + " block " + block + " mined"));

        anvil.reorg(1); // its block is replaced by an empty one
        await().until(() -> last(17).startsWith("GONE " + hash + " orphaned " + block));
        // the same transaction, signed again (the same fields give the same hash), is mined in a later block
        assertThat(send(sender, accounts.get(2), BigInteger.ONE, nonce, 3)).isEqualTo(hash);
        anvil.mine(1);

        await().until(() -> last(17).equals("MINED " + hash + " block " + (block + 1) + " orphaned " + block
                + " mined"));
    }

    @Test
    void shouldStopAStoryOnAChainTheBotNoLongerFollowsAndSaySo() {
        long watch = track("retired", "0x" + "ef".repeat(32), 19);

        await().until(() -> ended.contains(watch));
        assertThat(texts(19)).containsExactly("LOOKING 0x" + "ef".repeat(32)
                + "\n\n⏹ This bot no longer follows retired, so this story stops here.");
    }

    @Test
    void shouldGoOnInANewMessageWhenTheOldOneCannotBeEdited() {
        anvil.setAutomine(false);
        String hash = anvil.sendEth(accounts.get(3), accounts.get(4), BigInteger.ONE);
        messages.deleted.add(18L);
        track(hash, 18);

        await().until(() -> !messages.sent.isEmpty());
        Shown fresh = messages.sent.get(0);
        assertThat(fresh.text).isEqualTo("PENDING " + hash);
        anvil.mine(1);
        await().until(() -> last(fresh.messageId).startsWith("MINED " + hash));
        assertThat(messages.sent).hasSize(1);
    }

    record Shown(long chatId, long messageId, String text) {
    }

    /** Telegram as the tracker sees it: edits of messages not deleted succeed; new messages get fresh ids. */
    static final class RecordingMessages implements Tracker.Messages {
        final List<Shown> edits = new CopyOnWriteArrayList<>();
        final List<Shown> sent = new CopyOnWriteArrayList<>();
        final Set<Long> deleted = ConcurrentHashMap.newKeySet();
        private final AtomicLong ids = new AtomicLong(1_000);

        @Override
        public Edit edit(long chatId, long messageId, String html) {
            if (deleted.contains(messageId)) {
                return Edit.NOT_EDITABLE;
            }
            edits.add(new Shown(chatId, messageId, html));
            return Edit.EDITED;
        }

        @Override
        public OptionalLong send(long chatId, String html) {
            long id = ids.incrementAndGet();
            sent.add(new Shown(chatId, id, html));
            edits.add(new Shown(chatId, id, html));
            return OptionalLong.of(id);
        }
    }

}
