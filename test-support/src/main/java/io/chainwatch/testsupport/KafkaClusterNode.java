package io.chainwatch.testsupport;

import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.utils.Time;

import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.devkit.KafkaLogLevels;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * One combined (broker and controller) node of a {@link KafkaCluster}, run as the main class of its own JVM so that a
 * test can SIGKILL it like a crashed machine. Configured by the environment {@link KafkaCluster} sets; formats its log
 * directory when it is new (a wiped disk comes back empty, as a replaced machine would), stops cleanly on SIGTERM.
 */
public final class KafkaClusterNode {

    static final String NODE_ID = "KAFKA_NODE_ID";
    static final String LOG_DIR = "KAFKA_NODE_LOG_DIR";
    static final String CLIENT_PORT = "KAFKA_NODE_CLIENT_PORT";
    static final String CONTROLLER_PORT = "KAFKA_NODE_CONTROLLER_PORT";
    static final String VOTERS = "KAFKA_CLUSTER_VOTERS";
    static final String CLUSTER_ID = "KAFKA_CLUSTER_ID";
    static final String REPLICATION = "KAFKA_CLUSTER_REPLICATION";
    /** Printed once the node serves clients; {@link KafkaCluster} waits for the cluster, not for this line. */
    static final String STARTED = "chainwatch kafka node started";

    private KafkaClusterNode() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        int nodeId = Integer.parseInt(env.get(NODE_ID));
        Path dir = Path.of(env.get(LOG_DIR));
        KafkaLogLevels.quietKafkaServerLoggers();
        EmbeddedKafkaBroker.formatIfNew(dir, nodeId, env.get(CLUSTER_ID));
        KafkaConfig config = new KafkaConfig(EmbeddedKafkaBroker.brokerConfig(nodeId, dir, Integer.parseInt(env.get(
                CLIENT_PORT)), Integer.parseInt(env.get(CONTROLLER_PORT)), env.get(VOTERS), Integer.parseInt(
                        env.get(
                                REPLICATION))),
                false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-node-shutdown"));
        server.startup();
        System.out.println(STARTED + " " + nodeId);
        server.awaitShutdown();
    }
}
