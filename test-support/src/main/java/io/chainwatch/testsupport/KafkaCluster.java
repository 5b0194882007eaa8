package io.chainwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

import io.chainwatch.devkit.FreePorts;

/**
 * A real KRaft cluster of N combined nodes (broker and controller, a static quorum of all N), each its own JVM with
 * its own log directory and fixed ports, in which a test can {@linkplain #kill9(int) SIGKILL} a node,
 * {@linkplain #wipe(int) wipe its disk}, {@linkplain #restart(int) restart} it on the same address, or find and kill
 * the {@linkplain #activeController() active controller}. Kafka's own topics are replicated min(N, 3) times with a
 * min ISR one less; chainwatch's topics get what chainwatch configures (the broker's default replication stays 1, so a
 * topic created without an explicit replication shows up as such).
 * <p>
 * Thread-safety: not thread-safe; one test drives it. {@link #close()} kills every node and deletes the directories.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path baseDir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<Integer, Integer> clientPorts = new HashMap<>();
    private final Map<Integer, Integer> controllerPorts = new HashMap<>();
    private final Map<Integer, JvmProcess> running = new HashMap<>();
    private final String voters;

    private KafkaCluster(Path baseDir, int nodes) {
        this.baseDir = baseDir;
        for (int id = 1; id <= nodes; id++) {
            clientPorts.put(id, FreePorts.pick());
            controllerPorts.put(id, FreePorts.pick());
        }
        this.voters = IntStream.rangeClosed(1, nodes).mapToObj(id -> id + "@" + HOST + ":" + controllerPorts.get(id))
                .collect(Collectors.joining(","));
    }

    /** Starts {@code nodes} nodes (ids 1..N) in a new temporary directory and waits until all of them are brokers. */
    public static KafkaCluster start(int nodes) {
        KafkaCluster cluster;
        try {
            cluster = new KafkaCluster(Files.createTempDirectory("chainwatch-kafka-cluster-"), nodes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the cluster", e);
        }
        try {
            cluster.nodeIds().forEach(cluster::launch);
            cluster.awaitBrokers(nodes);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node's id, running or not: 1..N. */
    public List<Integer> nodeIds() {
        return clientPorts.keySet().stream().sorted().toList();
    }

    /** The client addresses of every node, running or not, as a client would be configured. */
    public String bootstrapServers() {
        return nodeIds().stream().map(id -> HOST + ":" + clientPorts.get(id)).collect(Collectors.joining(","));
    }

    /** The log directory of node {@code id}. */
    public Path logDir(int id) {
        return baseDir.resolve("node-" + id);
    }

    public boolean isRunning(int id) {
        JvmProcess process = running.get(id);
        return process != null && process.isAlive();
    }

    private void launch(int id) {
        Map<String, String> env = new HashMap<>();
        env.put(KafkaClusterNode.NODE_ID, Integer.toString(id));
        env.put(KafkaClusterNode.LOG_DIR, logDir(id).toString());
        env.put(KafkaClusterNode.CLIENT_PORT, Integer.toString(clientPorts.get(id)));
        env.put(KafkaClusterNode.CONTROLLER_PORT, Integer.toString(controllerPorts.get(id)));
        env.put(KafkaClusterNode.VOTERS, voters);
        env.put(KafkaClusterNode.CLUSTER_ID, clusterId);
        env.put(KafkaClusterNode.REPLICATION, Integer.toString(Math.min(3, clientPorts.size())));
        running.put(id, JvmProcess.start("kafka-node-" + id, KafkaClusterNode.class, env, List.of("-Xmx512m",
                "-XX:+UseSerialGC")));
    }

    /** SIGKILL of node {@code id}: nothing is flushed, its controller and broker vanish at once. */
    public void kill9(int id) {
        JvmProcess process = running.remove(id);
        if (process != null) {
            process.kill9();
        }
    }

    /** A clean shutdown of node {@code id} (SIGTERM): leadership is handed over first. */
    public void stop(int id) {
        JvmProcess process = running.remove(id);
        if (process != null) {
            process.close();
        }
    }

    /** Deletes the log directory of a stopped node, as a lost disk would. */
    public void wipe(int id) {
        if (isRunning(id)) {
            throw new IllegalStateException("node " + id + " is running; stop or kill it first");
        }
        deleteRecursively(logDir(id));
    }

    /** Starts a stopped node again on its address and directory, and waits until it is a broker of the cluster. */
    public void restart(int id) {
        if (isRunning(id)) {
            throw new IllegalStateException("node " + id + " is already running");
        }
        launch(id);
        awaitBrokers((int) nodeIds().stream().filter(this::isRunning).count());
    }

    /** The id of the node that leads the metadata quorum now. */
    public int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the metadata quorum", e);
        }
    }

    /** Waits until {@code count} brokers are registered and unfenced. */
    public void awaitBrokers(int count) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (nodes.size() == count) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                pause();
            }
        }
        throw new IllegalStateException("the cluster did not reach " + count + " broker(s) within " + START_TIMEOUT
                + "; node logs: " + running.values().stream().map(p -> p.name() + ":\n" + tail(p.output())).collect(
                        Collectors.joining("\n")),
                last);
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync, as an operator does before restarting
     * the next node of a rolling restart.
     */
    public void awaitFullyReplicated(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    Map<String, TopicDescription> topics = admin.describeTopics(admin.listTopics().names().get(5,
                            TimeUnit.SECONDS)).allTopicNames().get(5, TimeUnit.SECONDS);
                    boolean inSync = topics.values().stream().flatMap(t -> t.partitions().stream()).allMatch(p -> p
                            .isr().size() == p.replicas().size());
                    if (inSync) {
                        return;
                    }
                } catch (Exception e) {
                    // a node is still joining; ask again
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions still under-replicated after " + timeout);
                }
                pause();
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
                5_000));
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(String output) {
        return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
    }

    /** Kills every node and deletes the cluster's directories. */
    @Override
    public void close() {
        new ArrayList<>(running.keySet()).forEach(this::kill9);
        deleteRecursively(baseDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
