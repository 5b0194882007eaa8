package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.chainwatch.bot.SubscriptionsReader;
import io.chainwatch.bot.TestDatabase;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.testsupport.TcpProxy;
import io.chainwatch.testsupport.TcpProxy.Mode;
import io.chainwatch.testsupport.TestBroker;

/**
 * Issue #13, item 6: while Postgres is down, every command is answered within 5 s that the database is unavailable
 * and nothing was changed, and nothing is; once Postgres is back, commands work again within seconds, without a
 * restart, and the outbox relay publishes again. Postgres is reached through a proxy that refuses connections or
 * black-holes them on demand; the production timeouts and probe interval are used.
 */
class PostgresOutageIssue13IT {

    static final String A = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
    static final String B = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359";
    static final long CHAT = 1313;
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    static TestBroker broker;
    static KafkaSettings kafka;
    TestDatabase db;
    TcpProxy proxy;
    BotFixture bot;
    SubscriptionsReader subscriptions;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start();
        kafka = new KafkaSettings(broker.bootstrapServers());
        TopicProvisioner.ensureAll(kafka); // one broker: replication 1
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        proxy = TcpProxy.start(TestDatabase.host(), TestDatabase.port());
        bot = new BotFixture(db.settingsThrough(proxy.port()), kafka).start();
        subscriptions = new SubscriptionsReader(kafka);
    }

    @AfterEach
    void tearDown() throws Exception {
        subscriptions.close();
        bot.close();
        proxy.close();
        db.close();
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"REFUSE", "BLACK_HOLE"})
    void shouldAnswerEveryCommandAtOnceAndChangeNothingWhenPostgresIsDown(Mode outage) throws Exception {
        // Given
        assertThat(bot.say(CHAT, "/watch eth " + A)).contains("Watching");
        String before = rows();

        // When
        proxy.switchTo(outage);
        for (String command : List.of("/list", "/watch eth " + B, "/unwatch eth " + A, "/settings",
                "/settings confirmations all 3", "/settings spam hide", "/list")) {
            String reply = assertTimeoutPreemptively(ANSWER_WITHIN, () -> bot.say(CHAT, command), command);

            assertThat(reply).as(command).isEqualTo(Replies.UNAVAILABLE);
        }
        assertThat(bot.database.gate().isOpen()).isFalse();
        proxy.switchTo(Mode.PASS);

        // Then
        assertThat(rows()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> !bot.say(CHAT, "/list").equals(Replies.UNAVAILABLE));
        assertThat(bot.say(CHAT, "/watch eth " + B)).contains("Watching");
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriptions.poll().get("ethereum:" + B),
                watchers -> watchers != null && watchers.isPresent());
    }

    /** Every row the commands could change, read past the proxy. */
    String rows() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), ""); Statement s = c.createStatement()) {
            for (String query : List.of("SELECT * FROM chats ORDER BY id", "SELECT * FROM watches ORDER BY id",
                    "SELECT * FROM chat_settings ORDER BY chat_id, chain", "SELECT count(*) FROM outbox")) {
                try (ResultSet rs = s.executeQuery(query)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
