package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.testsupport.JvmProcess;
import io.chainwatch.testsupport.KafkaCluster;
import io.chainwatch.testsupport.TcpProxy;

/**
 * Issue #13, item 6 ("Redis, Postgres and a one-node Kafka each down for 30 s while transactions flowed, chainwatch
 * lost and repeated nothing — keep that, in a test"): the whole pipeline as one process ({@code ./chainwatch up}
 * pointed at a one-node Kafka, a Redis and a Postgres of its own), a transfer every {@link PipelineTraffic#INTERVAL} to watched
 * addresses the whole time, and each backing service down for {@link #OUTAGE} in turn. Afterwards every transaction
 * has reached its chat exactly once, and nothing arrives twice a little later; each case prints the longest send →
 * notification delay. While Postgres is down the bot still answers a command at once, and transactions are still
 * announced (the matcher and the notifier do not need Postgres).
 * <p>
 * The cases share one pipeline, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackingOutagesIT {

    static final String TOKEN = EndToEndIT.TOKEN;
    static final int CHATS = 4;
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration DELIVERY = Duration.ofMinutes(2);
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    /** Bot-frontend's {@code Replies.UNAVAILABLE} (package-private there), up to its first comma. */
    static final String UNAVAILABLE = "The database is unavailable right now";
    /** A chat that watches nothing and only sends commands, so that its answers are easy to tell apart. */
    static final long COMMAND_CHAT = 7390;

    private PrivateRedis redis;
    private KafkaCluster kafka;
    private AnvilNode anvil;
    private BotApiDouble telegram;
    private String database;
    private TcpProxy postgres;
    private JvmProcess chainwatch;
    private PipelineTraffic traffic;

    @BeforeAll
    void start() throws Exception {
        redis = PrivateRedis.start(); // first: aborts the class when redis-server is not installed
        kafka = KafkaCluster.start(1);
        anvil = AnvilNode.start();
        telegram = BotApiDouble.start(TOKEN);
        database = "chainwatch_outages_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(EndToEndIT.PG + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        // the shared Postgres cannot be stopped: its outage is a proxy that refuses
        postgres = TcpProxy.start("127.0.0.1", 5432);
        Map<String, String> env = DevnetPipelineEnv.of(anvil.rpcUrl(), telegram.baseUrl(), TOKEN, kafka
                .bootstrapServers(), postgres.url("jdbc:postgresql") + "/" + database);
        env.put("CHAINWATCH_POLL_INTERVAL", "100ms");
        env.put("CHAINWATCH_DB_POOL_MIN_IDLE", "1");
        env.put("CHAINWATCH_DB_POOL_MAX_SIZE", "4");
        env.put("REDIS_URL", "redis://127.0.0.1:" + redis.port);
        env.put("NOTIFIER_REDIS_KEY_PREFIX", database + ":");
        env.put("CHAINWATCH_DATA_DIR", Files.createTempDirectory("chainwatch-outages-it").toString());
        env.put("CHAINWATCH_HTTP_PORT", Integer.toString(freePort()));
        chainwatch = JvmProcess.start("chainwatch-outages", StandaloneLauncher.class, env, List.of("-Xmx640m",
                "-XX:+UseSerialGC"));
        await().atMost(Duration.ofSeconds(120)).until(() -> telegram.requestCount("getUpdates") > 0);
        traffic = new PipelineTraffic(anvil, telegram);
        traffic.watch(CHATS, 7300, 4);
    }

    @AfterAll
    void stop() throws Exception {
        if (chainwatch != null) {
            chainwatch.close();
        }
        for (AutoCloseable part : new AutoCloseable[]{postgres, telegram, anvil, kafka, redis}) {
            if (part != null) {
                part.close();
            }
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(EndToEndIT.PG + "postgres", "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    @Test
    @Order(1)
    void shouldAnnounceEveryTransactionOnceWhenTheOnlyKafkaNodeIsDownFor30Seconds() {
        PipelineTraffic.Run run = traffic.start();
        pause(Duration.ofSeconds(2));

        kafka.kill9(1); // not even a clean shutdown: what `docker kill` or the OOM killer does
        pause(OUTAGE);
        kafka.restart(1);
        pause(Duration.ofSeconds(3)); // and transactions keep coming while the pipeline catches up
        List<String> sent = run.stop();

        traffic.awaitExactlyOnce(sent, DELIVERY);
        traffic.report("outages IT", "Kafka (one node) SIGKILLed for 30 s", sent);
    }

    @Test
    @Order(2)
    void shouldAnnounceEveryTransactionOnceWhenRedisIsDownFor30Seconds() {
        PipelineTraffic.Run run = traffic.start();
        pause(Duration.ofSeconds(2));

        redis.stop();
        pause(OUTAGE);
        redis.restart();
        pause(Duration.ofSeconds(3));
        List<String> sent = run.stop();

        traffic.awaitExactlyOnce(sent, DELIVERY);
        traffic.report("outages IT", "Redis stopped for 30 s", sent);
    }

    @Test
    @Order(3)
    void shouldAnswerCommandsAtOnceAndKeepAnnouncingWhenPostgresIsDownFor30Seconds() {
        PipelineTraffic.Run run = traffic.start();
        pause(Duration.ofSeconds(2));

        postgres.switchTo(TcpProxy.Mode.REFUSE);
        Instant down = Instant.now();
        pause(Duration.ofSeconds(3));
        assertThat(sendAndAwaitAnswer("/list")).contains(UNAVAILABLE);
        // the matcher and the notifier do not need Postgres: what is sent now is announced before it is back
        List<String> sentWhileDown = run.sentSoFar();
        await().atMost(OUTAGE.minus(Duration.between(down, Instant.now())).minusSeconds(2)).untilAsserted(
                () -> sentWhileDown.forEach(h -> assertThat(traffic.notificationsAbout(h)).as(h).hasSize(1)));
        assertThat(sendAndAwaitAnswer("/watch devnet " + anvil.accounts().get(9))).contains(UNAVAILABLE);
        pause(OUTAGE.minus(Duration.between(down, Instant.now())));
        postgres.switchTo(TcpProxy.Mode.PASS);
        pause(Duration.ofSeconds(3));
        List<String> sent = run.stop();

        traffic.awaitExactlyOnce(sent, DELIVERY);
        traffic.report("outages IT", "Postgres refusing for 30 s", sent);
        // and the bot works again by itself
        await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(20)).until(() -> !sendAndAwaitAnswer(
                "/list").contains(UNAVAILABLE));
    }

    /** The user of {@link #COMMAND_CHAT} sends {@code command}; the bot's answer, which must come within 5 s. */
    private String sendAndAwaitAnswer(String command) {
        int before = telegram.messagesTo(COMMAND_CHAT).size();
        Instant sent = Instant.now();
        telegram.userSends(COMMAND_CHAT, command);
        List<SentMessage> answers = telegram.awaitMessages(COMMAND_CHAT, before + 1, ANSWER_WITHIN);
        assertThat(answers).as("an answer to %s within %s", command, ANSWER_WITHIN).hasSizeGreaterThan(before);
        SentMessage answer = answers.get(before);
        System.out.printf("[outages IT] %s answered in %d ms: %s%n", command, Duration.between(sent, answer.at())
                .toMillis(), answer.text());
        return answer.text();
    }

    private static void pause(Duration duration) {
        PipelineTraffic.pause(duration);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A redis-server of this test's own on a fixed free port, stopped and started again on the same port and
     * directory.
     * <p>
     * It keeps an append-only file, as the compose file runs Redis ({@code --appendonly yes} on a volume): a
     * restarted Redis still has the notifier's delivery ledger, so an alert delivered before the outage and read
     * again after it is recognised as delivered. Without persistence the test would be a Redis that lost its data,
     * a different failure; {@code RedisOutageIT} in the notifier covers that one. It is stopped with SIGTERM, the
     * way {@code docker stop} stops it, so the file is flushed on the way down.
     */
    static final class PrivateRedis implements AutoCloseable {
        final int port;
        private final Path dir;
        private Process process;

        private PrivateRedis(int port, Path dir) {
            this.port = port;
            this.dir = dir;
        }

        static PrivateRedis start() throws IOException {
            PrivateRedis redis = new PrivateRedis(freePort(), Files.createTempDirectory("chainwatch-outages-redis"));
            redis.restart();
            return redis;
        }

        void restart() {
            try {
                process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "yes", "--dir", dir.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                Assumptions.abort("redis-server is not installed: " + e.getMessage());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        void stop() {
            process.destroy();
            await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        }

        @Override
        public void close() {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
