package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.ReplicationAudit;
import io.chainwatch.kafka.ReplicationSettings;
import io.chainwatch.kafka.TopicInspector;
import io.chainwatch.kafka.TopicReport;
import io.chainwatch.schema.Topics;
import io.chainwatch.testsupport.AnvilNode;
import io.chainwatch.testsupport.BotApiDouble;
import io.chainwatch.testsupport.BotApiDouble.SentMessage;
import io.chainwatch.testsupport.JvmProcess;
import io.chainwatch.testsupport.KafkaCluster;

/**
 * Issue #13: the whole pipeline ({@code ./chainwatch up} pointed at a three-node KRaft cluster with
 * {@code KAFKA_BOOTSTRAP_SERVERS}: anvil → ingestor → matcher → notifier → the Bot API double) while transactions
 * flow the whole time, through a rolling restart of every node, the loss of the active controller, and a node
 * SIGKILLed with its disk wiped and never brought back. Every transaction reaches its chat exactly once and nothing
 * waits for an operator; each case prints the longest gap between two notifications it caused.
 * <p>
 * The cases share one cluster and one pipeline, in order: the lost node comes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterIT {

    static final String TOKEN = EndToEndIT.TOKEN;
    /** One chat per watched address, so that each chat gets one message every CHATS × TX_INTERVAL (Telegram: 1/s). */
    static final int CHATS = 4;
    static final Duration TX_INTERVAL = Duration.ofMillis(400);
    static final Duration DELIVERY = Duration.ofMinutes(3);

    private KafkaCluster cluster;
    private AnvilNode anvil;
    private BotApiDouble telegram;
    private String database;
    private JvmProcess chainwatch;
    private final Map<Long, String> watchedByChat = new HashMap<>();
    private final Map<String, Long> chatOfHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> sentAt = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        cluster = KafkaCluster.start(3);
        anvil = AnvilNode.start();
        telegram = BotApiDouble.start(TOKEN);
        database = "chainwatch_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(EndToEndIT.PG + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        Map<String, String> env = DevnetPipelineEnv.of(anvil.rpcUrl(), telegram.baseUrl(), TOKEN, cluster
                .bootstrapServers(), EndToEndIT.PG + database);
        env.put("CHAINWATCH_POLL_INTERVAL", "100ms");
        env.put("CHAINWATCH_DB_POOL_MIN_IDLE", "1");
        env.put("CHAINWATCH_DB_POOL_MAX_SIZE", "4");
        env.put("REDIS_URL", "redis://127.0.0.1:6379");
        env.put("NOTIFIER_REDIS_KEY_PREFIX", database + ":");
        env.put("CHAINWATCH_DATA_DIR", Files.createTempDirectory("chainwatch-cluster-it").toString());
        env.put("CHAINWATCH_HTTP_PORT", Integer.toString(freePort()));
        // nothing about replication is configured: the defaults must give 3 copies and a min ISR of 2 on 3 brokers
        chainwatch = JvmProcess.start("chainwatch-on-cluster", StandaloneLauncher.class, env, List.of("-Xmx640m",
                "-XX:+UseSerialGC"));
        await().atMost(Duration.ofSeconds(120)).until(() -> telegram.requestCount("getUpdates") > 0);
        for (int i = 0; i < CHATS; i++) {
            long chat = 7100 + i;
            String watched = anvil.accounts().get(4 + i);
            watchedByChat.put(chat, watched);
            telegram.userSends(chat, "/watch devnet " + watched);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> watchedByChat.keySet().stream().allMatch(
                chat -> telegram.messagesTo(chat).stream().anyMatch(m -> m.text().contains("Watching"))));
        // a subscription travels outbox → Kafka → the matcher's global store; the first transfers prove it landed
        Traffic warmUp = new Traffic();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        awaitExactlyOnce(warmUp.stop());
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (chainwatch != null) {
            chainwatch.close();
        }
        telegram.close();
        anvil.close();
        cluster.close();
        try (Connection c = DriverManager.getConnection(EndToEndIT.PG + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    @Order(1)
    void shouldCreateEveryTopicWithThreeReplicasAndMinIsrTwoWhenPointedAtAThreeNodeCluster() throws Exception {
        try (Admin admin = Admin.create(new KafkaSettings(cluster.bootstrapServers()).common("cluster-it"))) {
            ReplicationAudit audit = TopicInspector.audit(admin, ReplicationSettings.DEFAULTS,
                    TopicInspector.DEFAULT_MATCHER_APPLICATION_ID);

            assertThat(audit.brokers()).isEqualTo(3);
            assertThat(audit.topics()).extracting(TopicReport::name).containsAll(Topics.ALL.stream().map(
                    t -> t.name()).toList()).anyMatch(name -> name.endsWith("-changelog")).anyMatch(
                            name -> name.endsWith("-matched-blocks-repartition"));
            assertThat(audit.topics()).allSatisfy(topic -> {
                assertThat(topic.replication()).as(topic.name()).isEqualTo(3);
                assertThat(topic.minIsr()).as(topic.name()).isEqualTo(2);
            });
        }
    }

    @Test
    @Order(2)
    void shouldAnnounceEveryTransactionOnceThroughARollingRestartOfEveryNode() {
        Traffic traffic = new Traffic();
        Instant from = Instant.now();
        for (int node : cluster.nodeIds()) {
            cluster.stop(node);
            cluster.restart(node);
            cluster.awaitFullyReplicated(Duration.ofMinutes(2)); // as an operator does before the next node
        }
        List<String> sent = traffic.stop();

        awaitExactlyOnce(sent);
        report("rolling restart of 3 nodes", from, sent);
    }

    @Test
    @Order(3)
    void shouldAnnounceEveryTransactionOnceWhenTheActiveControllerIsKilled() {
        Traffic traffic = new Traffic();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        Instant from = Instant.now();
        int controller = cluster.activeController();
        cluster.kill9(controller);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.activeController() != controller);
        await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(16)).until(() -> true);
        List<String> sent = traffic.stop();

        awaitExactlyOnce(sent);
        report("active controller (node " + controller + ") SIGKILLed", from, sent);
        cluster.restart(controller);
        cluster.awaitFullyReplicated(Duration.ofMinutes(2));
    }

    @Test
    @Order(4)
    void shouldAnnounceEveryTransactionOnceWhenANodeIsKilledAndItsDiskLostForGood() throws Exception {
        Traffic traffic = new Traffic();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        Instant from = Instant.now();
        int lost = cluster.nodeIds().get(1);
        cluster.kill9(lost);
        cluster.wipe(lost);
        await().pollDelay(Duration.ofSeconds(25)).atMost(Duration.ofSeconds(26)).until(() -> true);
        List<String> sent = traffic.stop();

        awaitExactlyOnce(sent);
        report("node " + lost + " SIGKILLed, disk wiped, not replaced", from, sent);
        // two copies of everything remain: under-replicated (WARN) but nothing offline, nothing stopped
        try (Admin admin = Admin.create(new KafkaSettings(cluster.bootstrapServers()).common("cluster-it"))) {
            ReplicationAudit audit = TopicInspector.audit(admin, ReplicationSettings.DEFAULTS,
                    TopicInspector.DEFAULT_MATCHER_APPLICATION_ID);
            assertThat(audit.offlinePartitions()).isZero();
            assertThat(audit.underReplicatedPartitions()).isPositive();
        }
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    private List<SentMessage> notificationsAbout(long chat, String txHash) {
        return telegram.messagesTo(chat).stream().filter(m -> !m.edit() && m.text().toLowerCase().contains(txHash
                .toLowerCase())).toList();
    }

    private long chatOf(String txHash) {
        return chatOfHash.get(txHash);
    }

    private void awaitExactlyOnce(List<String> hashes) {
        await().atMost(DELIVERY).untilAsserted(() -> hashes.forEach(h -> assertThat(notificationsAbout(chatOf(h),
                h)).as(h).hasSize(1)));
        // and nothing arrives twice a little later
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> hashes.forEach(
                h -> assertThat(notificationsAbout(chatOf(h), h)).as(h).hasSize(1)));
    }

    /** Prints the longest gap between two notifications of this case, and the longest send → notification delay. */
    private void report(String what, Instant from, List<String> sent) {
        List<SentMessage> notes = new ArrayList<>();
        sent.forEach(h -> notes.addAll(notificationsAbout(chatOf(h), h)));
        notes.sort(Comparator.comparing(SentMessage::at));
        long gap = 0;
        for (int i = 1; i < notes.size(); i++) {
            gap = Math.max(gap, Duration.between(notes.get(i - 1).at(), notes.get(i).at()).toMillis());
        }
        long delay = sent.stream().mapToLong(h -> Duration.between(sentAt.get(h), notificationsAbout(chatOf(
                h), h).get(0).at()).toMillis()).max().orElse(0);
        System.out.printf("[cluster IT] %s: %d transactions, each announced once; longest gap between two "
                + "notifications %d ms, longest send→notification %d ms (from %s)%n", what, sent.size(), gap, delay,
                from);
    }

    /**
     * Sends one transfer every {@link #TX_INTERVAL} to the watched addresses in turn, from a thread of its own, and
     * remembers which chat each transaction is for and when it was sent.
     */
    final class Traffic {
        private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> chats = watchedByChat.keySet().stream().sorted().toList();
        private int next;

        Traffic() {
            sender.scheduleWithFixedDelay(this::sendOne, 0, TX_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void sendOne() {
            long chat = chats.get(next % chats.size());
            Instant at = Instant.now();
            String hash = anvil.sendEth(anvil.accounts().get(next % 3), watchedByChat.get(chat), BigInteger.valueOf(
                    1_000_000L + next));
            chatOfHash.put(hash, chat);
            sentAt.put(hash, at);
            sent.add(hash);
            next++;
        }

        /** Stops sending; the transactions sent. */
        List<String> stop() {
            sender.shutdown();
            try {
                assertThat(sender.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.copyOf(sent);
        }
    }
}
