package io.chainwatch.devkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka 4.1 broker in KRaft combined mode ({@code process.roles=broker,controller}), started
 * in-process from the Maven Central jars.
 * <p>
 * The log directory is formatted only when it holds no {@code meta.properties}; the cluster id is kept there, so
 * closing the broker and starting it again on the same directory (and port) keeps topics, records, committed
 * consumer offsets and transactions. This is how the standalone mode survives {@code kill -9} and how broker-restart
 * tests work.
 * <p>
 * Settings are those of a development broker: replication factor 1 for the internal topics (5 partitions each, to
 * start quickly), no initial rebalance delay, no automatic topic creation, one partition per new topic and a
 * maximum message size of {@value #MAX_MESSAGE_BYTES} bytes. Kafka's own loggers are set to WARN when logback is
 * present and they have no configured level ({@link KafkaLogLevels}).
 * <p>
 * Thread-safety: {@link #close()} may be called from any thread, more than once; the accessors are immutable.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The largest record batch the broker accepts: 16 MiB, so that large blocks fit. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";

    private final Path logDir;
    private final int port;
    private final boolean deleteOnClose;
    private final KafkaRaftServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(Path logDir, int port, boolean deleteOnClose, KafkaRaftServer server) {
        this.logDir = logDir;
        this.port = port;
        this.deleteOnClose = deleteOnClose;
        this.server = server;
    }

    /**
     * Starts a broker that keeps its data in {@code logDir}, formatting the directory first if it is new.
     *
     * @param logDir
     *            the log directory; created if missing, reused (data kept) if it was formatted before
     * @param port
     *            the client port on 127.0.0.1, or 0 to pick a free one
     * @return the running broker, ready to accept clients
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        return start(logDir, port, false);
    }

    /** Starts a broker on a free port in a new temporary directory, which {@link #close()} deletes. */
    public static EmbeddedKafkaBroker startTemporary() {
        try {
            return start(Files.createTempDirectory("chainwatch-kafka-"), 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Kafka log directory", e);
        }
    }

    private static EmbeddedKafkaBroker start(Path logDir, int port, boolean deleteOnClose) {
        KafkaLogLevels.quietKafkaServerLoggers();
        Path dir = logDir.toAbsolutePath();
        int clientPort = port == 0 ? FreePorts.pick() : port;
        KafkaConfig config = new KafkaConfig(brokerConfig(dir, clientPort, FreePorts.pick()), false);
        formatIfNew(dir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("Kafka broker failed to start on port " + clientPort + " with log dir "
                    + dir, e);
        }
        return new EmbeddedKafkaBroker(dir, clientPort, deleteOnClose, server);
    }

    static Map<String, Object> brokerConfig(Path dir, int clientPort, int controllerPort) {
        return brokerConfig(NODE_ID, dir, clientPort, controllerPort, NODE_ID + "@" + HOST + ":" + controllerPort, 1);
    }

    /**
     * The configuration of node {@code nodeId} of a cluster whose controllers are {@code voters}
     * ({@code id@host:port,...}); Kafka's own topics (offsets, transactions) get {@code replication} replicas and a min
     * ISR of one less, at least 1 — as on a production cluster of that size. Public for the nodes of test-support's
     * multi-node cluster, which are configured like this broker.
     */
    public static Map<String, Object> brokerConfig(int nodeId, Path dir, int clientPort, int controllerPort,
            String voters,
            int replication) {
        String internalReplication = String.valueOf(replication);
        String internalMinIsr = String.valueOf(Math.max(1, replication - 1));
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(nodeId));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dir.toString());
        props.put("offsets.topic.replication.factor", internalReplication);
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", internalReplication);
        props.put("transaction.state.log.min.isr", internalMinIsr);
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", internalReplication);
        props.put("share.coordinator.state.topic.min.isr", internalMinIsr);
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        props.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        return props;
    }

    /** Formats a new directory once; a formatted one keeps its cluster id, so its data stays readable. */
    private static void formatIfNew(Path dir) {
        formatIfNew(dir, NODE_ID, Uuid.randomUuid().toString());
    }

    /**
     * Formats a new directory once as node {@code nodeId} of cluster {@code clusterId}. Public for the nodes of
     * test-support's multi-node cluster.
     */
    public static void formatIfNew(Path dir, int nodeId, String clusterId) {
        if (Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        try {
            Files.createDirectories(dir);
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(dir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + dir, e);
        }
    }

    /** The bootstrap servers clients use: {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port; pass it back to {@link #start(Path, int)} to restart on the same address. */
    public int port() {
        return port;
    }

    /** The absolute log directory. */
    public Path logDir() {
        return logDir;
    }

    /**
     * Shuts the broker down cleanly and waits until it has stopped; deletes the directory of a
     * {@link #startTemporary() temporary} broker. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
