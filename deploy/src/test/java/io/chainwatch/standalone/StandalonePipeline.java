package io.chainwatch.standalone;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.testsupport.TestBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * The whole pipeline as {@code ./chainwatch up} wires it, on a broker, a Bot API double and a scratch database of its
 * own, talking to one devnet node; {@link #restart()} stops every service and starts them again on the same broker,
 * database and data directory, as after a crash of the process.
 */
final class StandalonePipeline implements AutoCloseable {

    static final long CHAT = EndToEndIT.CHAT;

    private final TestBroker kafka = TestBroker.start();
    private final BotApiDouble telegram = BotApiDouble.start(EndToEndIT.TOKEN);
    private final String database = "chainwatch_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final RuntimeEnv runtime;
    private ApplicationContext context;

    /** @param overrides settings beyond the devnet's ({@link DevnetPipelineEnv}) */
    StandalonePipeline(String rpcUrl, Map<String, String> overrides) throws Exception {
        admin("create database " + database);
        Path dataDir = Files.createTempDirectory("chainwatch-it");
        Map<String, String> env = DevnetPipelineEnv.of(rpcUrl, telegram.baseUrl(), EndToEndIT.TOKEN, kafka
                .bootstrapServers(), EndToEndIT.PG + database);
        env.put("CHAINWATCH_POLL_INTERVAL", "100ms");
        env.put("CHAINWATCH_DB_POOL_MIN_IDLE", "2");
        env.put("CHAINWATCH_DB_POOL_MAX_SIZE", "5");
        env.put("CHAINWATCH_DATA_DIR", dataDir.toString());
        env.putAll(overrides);
        runtime = RuntimeEnv.of(env);
        TopicProvisioner.ensureAll(KafkaSettings.from(runtime));
        context = startServices();
    }

    private ApplicationContext startServices() {
        ApplicationContext started = ApplicationContext.builder().environments("standalone").singletons(runtime)
                .properties(Map.of("micronaut.server.port", -1)).start();
        started.getBean(EmbeddedServer.class).start();
        return started;
    }

    ApplicationContext context() {
        return context;
    }

    BotApiDouble telegram() {
        return telegram;
    }

    /** Every message the bot sent or edited in the chat, in order. */
    List<SentMessage> messages() {
        return telegram.messagesTo(CHAT);
    }

    /**
     * Sends a command as the user and returns the bot's answer, after waiting a second more, as a person would before
     * typing the next (Telegram: about one message a second per private chat).
     */
    SentMessage ask(String command) {
        int before = messages().size();
        telegram.userSends(CHAT, command);
        SentMessage answer = await().atMost(Duration.ofSeconds(30)).until(() -> messages().stream().skip(before)
                .filter(m -> !m.edit()).findFirst(), java.util.Optional::isPresent).orElseThrow();
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(2)).until(() -> true);
        return answer;
    }

    /** The text message {@code messageId} shows now: its last edit, or what it was sent with. */
    String current(int messageId) {
        List<SentMessage> versions = messages().stream().filter(m -> m.messageId() == messageId).toList();
        return versions.isEmpty() ? "" : versions.get(versions.size() - 1).text();
    }

    /** Stops every service and starts them again, on the same broker, database and data directory. */
    void restart() {
        context.close();
        context = startServices();
    }

    @Override
    public void close() throws Exception {
        try {
            context.close();
        } finally {
            telegram.close();
            kafka.close();
            admin("drop database if exists " + database + " with (force)");
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(EndToEndIT.PG + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
