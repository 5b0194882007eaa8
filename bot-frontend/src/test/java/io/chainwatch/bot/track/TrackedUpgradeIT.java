package io.chainwatch.bot.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.TestDatabase;
import io.chainwatch.devkit.AnvilNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The V4 migration on Postgres: transactions tracked before the bot followed them itself are handed to the tracker
 * (their keys queued once more, so the relay publishes tombstones and the matcher forgets them), and one already mined
 * by then ends without a message — the matcher told the chat, or its block predates the watch.
 */
class TrackedUpgradeIT {

    private static final long CHAT = 5150;

    private TestDatabase database;
    private AnvilNode anvil;
    private Tracker tracker;

    @BeforeEach
    void start() {
        database = TestDatabase.create();
        anvil = AnvilNode.start();
    }

    @AfterEach
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
        anvil.close();
        database.close();
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(database.url(), database.user(), "").locations("classpath:db/migration")
                .target(target).load();
    }

    @Test
    void shouldHandTrackedTransactionsToTheTrackerAndEndAMinedOneWithoutAWord() {
        List<String> accounts = anvil.accounts();
        String mined = anvil.sendEth(accounts.get(0), accounts.get(1), BigInteger.ONE).toLowerCase();
        await().until(() -> anvil.receipt(mined), Optional::isPresent);
        flyway("3").migrate();
        Jdbi jdbi = Jdbi.create(database.url(), database.user(), "");
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO chats (id) VALUES (?)", CHAT);
            h.execute("INSERT INTO watches (id, chat_id, chain, target_type, value) VALUES (1, ?, 'devnet', 'TX', ?)",
                    CHAT, mined);
            h.execute("INSERT INTO watches (id, chat_id, chain, target_type, value) VALUES (2, ?, 'devnet', 'ADDRESS',"
                    + " ?)", CHAT, accounts.get(1).toLowerCase());
        });

        flyway("latest").migrate();

        TrackedStore store = new TrackedStore(jdbi);
        assertThat(store.find(1)).hasValueSatisfying(row -> {
            assertThat(row.adopted()).isTrue();
            assertThat(row.tracked().phase()).isEqualTo(TrackPhase.LOOKING);
            assertThat(row.tracked().chatId()).isEqualTo(CHAT);
            assertThat(row.tracked().messageId()).isEmpty();
        });
        assertThat(store.find(2)).as("an address watch is not a story").isEmpty();
        List<String> queued = jdbi.withHandle(h -> h.createQuery("SELECT sub_key FROM outbox WHERE published_at IS"
                + " NULL").mapTo(String.class).list());
        assertThat(queued).containsExactly("devnet:tx:" + mined);

        TrackerIT.RecordingMessages messages = new TrackerIT.RecordingMessages();
        List<Long> ended = new CopyOnWriteArrayList<>();
        Tracker.Pace fast = new Tracker.Pace(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100),
                Duration.ofMillis(100), Duration.ofMillis(100), TrackPolicy.Patience.DEFAULT);
        tracker = new Tracker(store, chain -> (method, params) -> anvil.rpc(method, params), (t, latest) -> t.phase()
                .name(), messages, (chat, watch) -> {
                    jdbi.useHandle(h -> h.execute("DELETE FROM watches WHERE id = ?", watch));
                    ended.add(watch);
                }, fast, Clock.systemUTC(), new SimpleMeterRegistry()).start();

        await().until(() -> ended.contains(1L));
        assertThat(messages.edits).isEmpty();
        assertThat(messages.sent).isEmpty();
        assertThat(store.find(1)).isEmpty();
    }
}
