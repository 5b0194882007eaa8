package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.ReplicationAudit;
import io.chainwatch.kafka.ReplicationSettings;
import io.chainwatch.kafka.TopicInspector;
import io.chainwatch.kafka.TopicReport;
import io.chainwatch.schema.Topics;
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
    static final int CHATS = 4;
    static final Duration DELIVERY = Duration.ofMinutes(3);

    private KafkaCluster cluster;
    private AnvilNode anvil;
    private BotApiDouble telegram;
    private String database;
    private JvmProcess chainwatch;
    private PipelineTraffic traffic;

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
        traffic = new PipelineTraffic(anvil, telegram);
        traffic.watch(CHATS, 7100, 4);
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
        PipelineTraffic.Run run = traffic.start();
        for (int node : cluster.nodeIds()) {
            cluster.stop(node);
            cluster.restart(node);
            cluster.awaitFullyReplicated(Duration.ofMinutes(2)); // as an operator does before the next node
        }
        List<String> sent = run.stop();

        traffic.awaitExactlyOnce(sent, DELIVERY);
        traffic.report("cluster IT", "rolling restart of 3 nodes", sent);
    }

    @Test
    @Order(3)
    void shouldAnnounceEveryTransactionOnceWhenTheActiveControllerIsKilled() {
        PipelineTraffic.Run run = traffic.start();
        PipelineTraffic.pause(Duration.ofSeconds(3));
        int controller = cluster.activeController();
        cluster.kill9(controller);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.activeController() != controller);
        PipelineTraffic.pause(Duration.ofSeconds(15));
        List<String> sent = run.stop();

        traffic.awaitExactlyOnce(sent, DELIVERY);
        traffic.report("cluster IT", "active controller (node " + controller + ") SIGKILLed", sent);
        cluster.restart(controller);
        cluster.awaitFullyReplicated(Duration.ofMinutes(2));
    }

    @Test
    @Order(4)
    void shouldAnnounceEveryTransactionOnceWhenANodeIsKilledAndItsDiskLostForGood() throws Exception {
        PipelineTraffic.Run run = traffic.start();
        PipelineTraffic.pause(Duration.ofSeconds(3));
        int lost = cluster.nodeIds().get(1);
        cluster.kill9(lost);
        cluster.wipe(lost);
        PipelineTraffic.pause(Duration.ofSeconds(25));
        List<String> sent = run.stop();

        traffic.awaitExactlyOnce(sent, DELIVERY);
        traffic.report("cluster IT", "node " + lost + " SIGKILLed, disk wiped, not replaced", sent);
        // two copies of everything remain: under-replicated (WARN) but nothing offline, nothing stopped
        try (Admin admin = Admin.create(new KafkaSettings(cluster.bootstrapServers()).common("cluster-it"))) {
            ReplicationAudit audit = TopicInspector.audit(admin, ReplicationSettings.DEFAULTS,
                    TopicInspector.DEFAULT_MATCHER_APPLICATION_ID);
            assertThat(audit.offlinePartitions()).isZero();
            assertThat(audit.underReplicatedPartitions()).isPositive();
        }
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }
}
