package io.chainwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.testsupport.TestBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * Webhook mode through the real Micronaut endpoint: two bot instances sharing one Postgres, Telegram (the test)
 * posting updates to either; the secret header is checked and each update id is handled once.
 */
class WebhookIT {

    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";
    static final String SECRET = "it-webhook_SECRET-42";
    static final String PUBLIC_URL = "https://bot.example.test/telegram/webhook";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static TestBroker broker;
    static TestDatabase db;
    static BotApiDouble telegram;
    static ApplicationContext first;
    static ApplicationContext second;
    static String firstUrl;
    static String secondUrl;

    @BeforeAll
    static void start() {
        broker = TestBroker.start();
        TopicProvisioner.ensureAll(new KafkaSettings(broker.bootstrapServers()));
        db = TestDatabase.create();
        telegram = BotApiDouble.start(TOKEN);
        telegram.privateChatInterval(Duration.ZERO);
        first = instance();
        second = instance();
        firstUrl = "http://127.0.0.1:" + first.getBean(EmbeddedServer.class).getPort() + "/telegram/webhook";
        secondUrl = "http://127.0.0.1:" + second.getBean(EmbeddedServer.class).getPort() + "/telegram/webhook";
    }

    static ApplicationContext instance() {
        Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", telegram
                .baseUrl(), "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "CHAINWATCH_CHAINS", "devnet",
                "CHAINWATCH_RPC_DEVNET", "http://127.0.0.1:9", "CHAINWATCH_DB_URL", db.url(), "CHAINWATCH_DB_USER", db
                        .user(),
                "CHAINWATCH_DB_POOL_MIN_IDLE", "1", "CHAINWATCH_DB_POOL_MAX_SIZE", "4"));
        env.put("TELEGRAM_WEBHOOK_URL", PUBLIC_URL);
        env.put("TELEGRAM_WEBHOOK_SECRET", SECRET);
        ApplicationContext ctx = ApplicationContext.builder().environments("bot").singletons(RuntimeEnv.of(env))
                .properties(Map.of("micronaut.server.port", -1)).start();
        ctx.getBean(EmbeddedServer.class).start();
        return ctx;
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        telegram.close();
        db.close();
        broker.close();
    }

    @Test
    void shouldHandleUpdatesPostedToEitherInstanceWhenTwoShareOneDatabase() throws Exception {
        assertThat(telegram.webhookUrl()).isEqualTo(PUBLIC_URL);
        assertThat(telegram.requestCount("setWebhook")).isEqualTo(2);
        assertThat(first.getBean(BotService.class).health()).satisfies(h -> {
            assertThat(h.telegramMode()).isEqualTo("webhook");
            assertThat(h.telegramReceiving()).isTrue();
        });

        assertThat(post(firstUrl, SECRET, update(100, 701, "/watch devnet 0x" + "1".repeat(40)))).isEqualTo(200);
        telegram.awaitMessages(701, 1, Duration.ofSeconds(20));
        assertThat(post(secondUrl, SECRET, update(101, 701, "/watch devnet 0x" + "2".repeat(40)))).isEqualTo(200);
        telegram.awaitMessages(701, 2, Duration.ofSeconds(20));
        assertThat(post(firstUrl, SECRET, update(102, 701, "/list"))).isEqualTo(200);

        List<SentMessage> replies = telegram.awaitMessages(701, 3, Duration.ofSeconds(20));
        assertThat(replies).hasSize(3);
        assertThat(replies.get(0).text()).contains("Watching");
        assertThat(replies.get(1).text()).contains("Watching");
        assertThat(replies.get(2).text()).contains("0x" + "1".repeat(40)).contains("0x" + "2".repeat(40));
        assertThat(telegram.requestCount("getUpdates")).isZero();
    }

    @Test
    void shouldHandleUpdateOnceWhenTelegramRedeliversItToTheOtherInstance() throws Exception {
        String body = update(200, 702, "/help");

        assertThat(post(firstUrl, SECRET, body)).isEqualTo(200);
        assertThat(post(secondUrl, SECRET, body)).isEqualTo(200);
        assertThat(post(firstUrl, SECRET, body)).isEqualTo(200);

        assertThat(telegram.awaitMessages(702, 1, Duration.ofSeconds(20))).hasSize(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> telegram.messagesTo(702)
                .size() == 1);
    }

    @Test
    void shouldAnswerForbiddenAndChangeNothingWhenSecretHeaderIsWrongOrMissing() throws Exception {
        String address = "0x" + "3".repeat(40);
        String body = update(300, 703, "/watch devnet " + address);

        assertThat(post(firstUrl, null, body)).isEqualTo(403);
        assertThat(post(secondUrl, "wrong", body)).isEqualTo(403);
        assertThat(post(firstUrl, SECRET.toLowerCase(), body)).isEqualTo(403);
        assertThat(post(secondUrl, SECRET + "x", body)).isEqualTo(403);
        assertThat(post(firstUrl, "", "not even json")).isEqualTo(403);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> telegram.messagesTo(703)
                .isEmpty());
        assertThat(count("SELECT count(*) FROM watches WHERE value = '" + address + "'")).isZero();
        assertThat(count("SELECT count(*) FROM telegram_updates WHERE update_id = 300")).isZero();

        // the same update with the right secret is still new: the refused requests claimed nothing
        assertThat(post(secondUrl, SECRET, body)).isEqualTo(200);
        assertThat(telegram.awaitMessages(703, 1, Duration.ofSeconds(20))).singleElement().satisfies(m -> assertThat(m
                .text()).contains("Watching"));
    }

    @Test
    void shouldAnswerBadRequestWhenBodyIsNotAnUpdate() throws Exception {
        assertThat(post(firstUrl, SECRET, "not json")).isEqualTo(400);
        assertThat(post(firstUrl, SECRET, "{\"message\":{}}")).isEqualTo(400);
    }

    static int post(String url, String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header(
                "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A private-chat text message update, shaped as Telegram posts it. */
    static String update(long updateId, long chatId, String text) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        ObjectNode message = update.putObject("message").put("message_id", (int) (updateId % 100_000)).put("date",
                Instant.now().getEpochSecond()).put("text", text);
        message.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "User" + chatId);
        message.putObject("chat").put("id", chatId).put("type", "private").put("first_name", "User" + chatId);
        if (text.startsWith("/")) {
            int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
            message.putArray("entities").addObject().put("type", "bot_command").put("offset", 0).put("length", end);
        }
        return update.toString();
    }

    static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), "");
                ResultSet rs = c.createStatement()
                        .executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
