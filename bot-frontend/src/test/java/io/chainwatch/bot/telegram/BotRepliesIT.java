package io.chainwatch.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.BotService;
import io.chainwatch.bot.BotSettings;
import io.chainwatch.bot.TestDatabase;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The whole service against the strict Bot API double (1 message/s per private chat, 20/min per group, 30/s overall):
 * replies are paced per chat, {@code /stats} answers only operators, and closing leaves no thread behind.
 */
class BotRepliesIT {

    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";
    static final long OPERATOR = 4242;

    static TestBroker broker;
    static TestDatabase db;
    static BotApiDouble telegram;
    static BotService service;

    @BeforeAll
    static void start() {
        broker = TestBroker.start();
        TopicProvisioner.ensureAll(new io.chainwatch.kafka.KafkaSettings(broker.bootstrapServers()));
        db = TestDatabase.create();
        telegram = BotApiDouble.start(TOKEN);
        service = new BotService(BotSettings.from(env(telegram)), new SimpleMeterRegistry(), Clock.systemUTC());
        service.start();
    }

    @AfterAll
    static void stop() {
        service.close();
        telegram.close();
        db.close();
        broker.close();
    }

    static RuntimeEnv env(BotApiDouble api) {
        return RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.baseUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "CHAINWATCH_CHAINS", "ethereum,bsc,devnet",
                "CHAINWATCH_DB_URL", db.url(), "CHAINWATCH_DB_USER", db.user(), "CHAINWATCH_DB_POOL_MIN_IDLE", "1",
                "CHAINWATCH_DB_POOL_MAX_SIZE", "4", "CHAINWATCH_DB_CONNECTION_TIMEOUT", "5s", "TELEGRAM_ADMIN_IDS",
                OPERATOR + ",77"));
    }

    @Test
    void shouldAnswerFiveCommandsWithoutA429AndNotDelayOtherChatsWhenUserTypesThemAtOnce() {
        long typist = 701;
        long neighbour = 709; // the same per-chat lane as 701 (8 lanes): its command is handled right after the five
        List<String> commands = List.of("/help", "/start", "/list", "/settings", "/help");

        commands.forEach(c -> telegram.userSends(typist, c));
        Instant neighbourAsked = Instant.now();
        telegram.userSends(neighbour, "/help");

        SentMessage neighbourReply = telegram.awaitMessages(neighbour, 1, Duration.ofSeconds(20)).get(0);
        List<SentMessage> replies = telegram.awaitMessages(typist, 5, Duration.ofSeconds(20));
        assertThat(replies).hasSize(5);
        assertThat(replies.get(2).text()).contains("watches nothing");
        assertThat(replies.get(3).text()).contains("Settings of this chat");
        for (int i = 1; i < replies.size(); i++) {
            assertThat(Duration.between(replies.get(i - 1).at(), replies.get(i).at())).isGreaterThanOrEqualTo(Duration
                    .ofMillis(950));
        }
        assertThat(Duration.between(neighbourAsked, neighbourReply.at())).isLessThan(Duration.ofMillis(900));
        assertThat(neighbourReply.at()).isBefore(replies.get(1).at());
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    @Test
    void shouldPaceRepliesInAGroupWithoutA429WhenMembersTypeTogether() {
        long group = -720;
        for (long member = 1; member <= 3; member++) {
            telegram.userSendsInGroup(group, member, "/help@" + BotApiDouble.BOT_USERNAME);
        }

        List<SentMessage> replies = telegram.awaitMessages(group, 3, Duration.ofSeconds(20));
        assertThat(Duration.between(replies.get(0).at(), replies.get(2).at())).isGreaterThanOrEqualTo(Duration
                .ofMillis(6000));
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    @Test
    void shouldGiveFiguresToAnOperatorAndNothingToAnyoneElseWhenStatsIsAsked() {
        telegram.userSends(730, "/watch eth 0x" + "73".repeat(20));
        telegram.awaitMessages(730, 1, Duration.ofSeconds(20));

        telegram.userSends(OPERATOR, "/stats");
        telegram.userSends(731, "/stats");
        telegram.userSendsInGroup(-732, OPERATOR, "/stats@" + BotApiDouble.BOT_USERNAME);
        telegram.userSendsInGroup(-733, 731, "/stats@" + BotApiDouble.BOT_USERNAME);

        String operatorReply = telegram.awaitMessages(OPERATOR, 1, Duration.ofSeconds(20)).get(0).text();
        assertThat(operatorReply).contains("Active chats:").containsPattern("Watches: [1-9]");
        for (long chat : new long[]{731, -732, -733}) {
            String reply = telegram.awaitMessages(chat, 1, Duration.ofSeconds(20)).get(0).text();
            assertThat(reply).as("chat %d", chat).isEqualTo("🤔 I don't know the command /stats. Send /help to see"
                    + " what I can do.");
        }
        assertThat(TelegramFrontEnd.MENU).noneMatch(c -> c.getCommand().equals("stats"));
    }

    /** Regression: telegrambots' long polling left its non-daemon executor thread running after close. */
    @Test
    void shouldLeaveNoNonDaemonThreadRunningWhenClosed() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (BotApiDouble api = BotApiDouble.start(TOKEN)) {
            BotService own = new BotService(BotSettings.from(env(api)), new SimpleMeterRegistry(), Clock.systemUTC());
            own.start();
            api.userSends(740, "/help");
            api.awaitMessages(740, 1, Duration.ofSeconds(20));
            api.userSends(740, "/start"); // a reply still waiting for its slot when the service closes

            own.close();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftOver(before)).isEmpty());
    }

    /** Threads started since {@code before} that would keep a JVM alive (not the one evaluating this condition). */
    private static String leftOver(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive() && !t
                .isDaemon() && !t.getName().startsWith("awaitility")).map(Thread::getName).sorted()
                .collect(Collectors.joining(", "));
    }
}
