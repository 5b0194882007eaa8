package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.app.BotApplication;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.devkit.FreePorts;
import io.chainwatch.ingestor.app.IngestorApplication;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.matcher.MatcherService;
import io.chainwatch.matcher.MatcherSettings;
import io.chainwatch.matcher.app.MatcherApplication;
import io.chainwatch.notifier.app.NotifierApplication;
import io.chainwatch.testsupport.JvmProcess;
import io.chainwatch.testsupport.TestBroker;

/**
 * Every service as its own process, two matchers and two notifiers against one broker, as
 * {@code docker compose up --scale tx-matcher=2 --scale notifier=3} runs them: the work is shared, every transaction
 * is announced once, and a matcher and a notifier killed with SIGKILL lose nothing and repeat nothing.
 */
class ScaleOutIT {

    static final String TOKEN = EndToEndIT.TOKEN;
    static final long CHAT = 5151;

    private TestBroker kafka;
    private AnvilNode anvil;
    private BotApiDouble telegram;
    private String database;
    private final List<JvmProcess> processes = new ArrayList<>();
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        kafka = TestBroker.start();
        anvil = AnvilNode.start();
        telegram = BotApiDouble.start(TOKEN);
        database = "chainwatch_scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(EndToEndIT.PG + "postgres", "postgres", "");
                Statement s = c
                        .createStatement()) {
            s.execute("create database " + database);
        }
        env = DevnetPipelineEnv.of(anvil.rpcUrl(), telegram.baseUrl(), TOKEN, kafka.bootstrapServers(),
                EndToEndIT.PG + database);
        env.put("CHAINWATCH_POLL_INTERVAL", "100ms");
        env.put("CHAINWATCH_DB_POOL_MIN_IDLE", "1");
        env.put("CHAINWATCH_DB_POOL_MAX_SIZE", "4");
        env.put("REDIS_URL", "redis://127.0.0.1:6379");
        env.put("NOTIFIER_REDIS_KEY_PREFIX", database + ":");
        env.put("MICRONAUT_SERVER_PORT", "-1");
        TopicProvisioner.ensureAll(new KafkaSettings(kafka.bootstrapServers()));
        launch("ingestor", IngestorApplication.class, "INGESTOR");
        launch("matcher-1", MatcherApplication.class, "MATCHER");
        launch("matcher-2", MatcherApplication.class, "MATCHER");
        launch("notifier-1", NotifierApplication.class, "NOTIFIER");
        launch("notifier-2", NotifierApplication.class, "NOTIFIER");
        launch("bot", BotApplication.class, "BOT");
    }

    /**
     * Starts one service in its own JVM. This test's classpath holds every module (a service image holds only its
     * own), so the other services' beans are switched off, as their absence does in a container.
     */
    private JvmProcess launch(String name, Class<?> main, String service) throws Exception {
        Map<String, String> own = new HashMap<>(env);
        for (String other : List.of("INGESTOR", "MATCHER", "NOTIFIER", "BOT")) {
            own.put("CHAINWATCH_" + other + "_ENABLED", Boolean.toString(other.equals(service)));
        }
        own.put("CHAINWATCH_DATA_DIR", Files.createTempDirectory("chainwatch-" + name).toString());
        own.put("CHAINWATCH_INSTANCE_ID", name); // static membership: the group tells which process holds what
        if (service.equals("MATCHER")) {
            int port = FreePorts.pick();
            own.put("MICRONAUT_SERVER_PORT", Integer.toString(port)); // its /prometheus says what it has applied
            matcherPorts.add(port);
        }
        JvmProcess process = JvmProcess.start(name, main, own);
        processes.add(process);
        return process;
    }

    private final List<Integer> matcherPorts = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        processes.forEach(JvmProcess::close);
        telegram.close();
        anvil.close();
        kafka.close();
        try (Connection c = DriverManager.getConnection(EndToEndIT.PG + "postgres", "postgres", "");
                Statement s = c
                        .createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    private List<SentMessage> notificationsAbout(String txHash) {
        return telegram.messagesTo(CHAT).stream().filter(m -> !m.edit() && m.text().toLowerCase().contains(txHash
                .toLowerCase())).toList();
    }

    private List<String> sendToWatched(String watched, int count) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(anvil.sendEth(anvil.accounts().get(i % 3), watched, BigInteger.valueOf(1_000_000 + i)));
        }
        return hashes;
    }

    private void awaitExactlyOnce(List<String> hashes, Duration within) {
        await().atMost(within).untilAsserted(() -> hashes.forEach(h -> assertThat(notificationsAbout(h)).as(h)
                .hasSize(1)));
    }

    /** Names of the processes that hold partitions of {@code group} (from their group.instance.id). */
    private List<String> processesWithWork(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).map(
                m -> m.groupInstanceId().orElse("?")).map(
                        id -> processes.stream().map(JvmProcess::name).filter(
                                id::contains).findFirst().orElse(id))
                .distinct().sorted().toList();
    }

    /**
     * The subscription changes the matcher process serving /prometheus on {@code port} has applied; -1 while it does
     * not answer yet.
     */
    private double subscriptionUpdates(int port) {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(line -> line.startsWith(MatcherService.SUBSCRIPTION_UPDATES
                    + "_total")).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JvmProcess process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldShareTheWorkAndAnnounceEachTransactionOnceAcrossSigkills() throws Exception {
        String watched = anvil.accounts().get(7);
        await().atMost(Duration.ofSeconds(90)).until(() -> telegram.requestCount("getUpdates") > 0);
        telegram.userSends(CHAT, "/watch devnet " + watched);
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.messagesTo(CHAT).stream().anyMatch(m -> m.text()
                .contains("Watching")));
        String busyMatcher;
        try (Admin admin = Admin.create(new KafkaSettings(kafka.bootstrapServers()).common("scale-it"))) {
            // Kafka Streams moves stateful tasks to a newcomer only once it has warmed up; both processes must be
            // members (each with a member per stream thread), at least one active; the notifiers split the alert
            // partitions at once
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(admin.describeConsumerGroups(List.of("chainwatch-matcher")).all().get().get(
                        "chainwatch-matcher").members()).hasSize(2 * MatcherSettings.DEFAULT_STREAM_THREADS);
                assertThat(processesWithWork(admin, "chainwatch-matcher")).isNotEmpty();
                assertThat(processesWithWork(admin, "chainwatch-notifier")).containsExactly("notifier-1",
                        "notifier-2");
            });
            busyMatcher = processesWithWork(admin, "chainwatch-matcher").get(0);
        }
        // the subscription has travelled outbox → Kafka → the global store of each matcher process
        await().atMost(Duration.ofSeconds(30)).until(() -> matcherPorts.stream().allMatch(
                port -> subscriptionUpdates(port) >= 1));

        List<String> first = sendToWatched(watched, 6);
        awaitExactlyOnce(first, Duration.ofSeconds(60));

        // the busy matcher dies mid-stream: its open transaction is aborted, the other process redoes the work
        List<String> second = sendToWatched(watched, 3);
        process(busyMatcher).kill9();
        second.addAll(sendToWatched(watched, 3));
        // a notifier dies between deliveries; the other takes over its partitions
        awaitExactlyOnce(second, Duration.ofSeconds(120));
        process("notifier-1").kill9();
        List<String> third = sendToWatched(watched, 4);
        awaitExactlyOnce(third, Duration.ofSeconds(120));

        // nothing arrives twice later either
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            for (List<String> batch : List.of(first, second, third)) {
                batch.forEach(h -> assertThat(notificationsAbout(h)).as(h).hasSize(1));
            }
        });
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }
}
