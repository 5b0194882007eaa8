package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.TestChains;
import io.chainwatch.bot.store.Database;
import io.chainwatch.bot.store.DbSettings;
import io.chainwatch.bot.store.WatchStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** With Postgres unreachable, commands that need it answer that the database is unavailable; the others still work. */
class PostgresDownIT {

    Database database;
    CommandHandler handler;

    @BeforeEach
    void setUp() {
        // port 1 on loopback: nothing listens, connections are refused at once
        database = new Database(new DbSettings("jdbc:postgresql://127.0.0.1:1/chainwatch", "postgres", "", 0, 2,
                Duration.ofMillis(500), DbSettings.DEFAULT_SOCKET_TIMEOUT, DbSettings.DEFAULT_PROBE_INTERVAL));
        WatchStore store = new WatchStore(database.jdbi(), Clock.systemUTC(), () -> {
        });
        handler = new CommandHandler(TestChains.CHAINS, 50, Set.of(), database, store, GroupAdmins.EVERYONE,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void shouldAnswerUnavailableWhenDatabaseIsDown() {
        for (String command : new String[]{"/watch eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "/list",
                "/unwatch eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "/settings",
                "/settings confirmations all 3", "/settings min all 0.5", "/settings kinds -nfts",
                "/settings quiet 22:00-07:00", "/settings spam hide", "/track eth 0x" + "a".repeat(64)}) {
            Response response = handler.handle(new Incoming(1, "private", 1, false, command), null);

            assertThat(response).as(command).isEqualTo(new Response.Reply(Replies.UNAVAILABLE));
        }
    }

    @Test
    void shouldStillShowCoverageInStatusWhenDatabaseIsDown() {
        Response response = handler.handle(new Incoming(1, "private", 1, false, "/status"), null);

        assertThat(((Response.Reply) response).html()).startsWith(Replies.UNAVAILABLE).contains("<b>Coverage</b>")
                .contains("no block processed yet");
    }

    @Test
    void shouldStillExplainMistakesWhenDatabaseIsDown() {
        Response response = handler.handle(new Incoming(1, "private", 1, false, "/watch eth 0x12"), null);

        assertThat(((Response.Reply) response).html()).contains("has 2");
    }
}
