package io.chainwatch.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import io.chainwatch.devkit.EmbeddedKafkaBroker;

/**
 * A one-node KRaft broker in a container, from Testcontainers' Kafka module, with the settings of
 * {@link EmbeddedKafkaBroker} so that a test behaves the same on either. The image must run like
 * {@code apache/kafka} ({@code /etc/kafka/docker/run}, {@code KAFKA_*} variables as server properties); the
 * stand-in that {@code deploy/docker/build-images} makes does.
 */
final class ContainerKafkaBroker implements TestBroker {

    /** Put on every container we start, so that a run killed before its shutdown hook can be cleaned up. */
    static final String LABEL = "io.chainwatch.test";

    private final KafkaContainer container;
    private final Thread removeOnExit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = container;
        // without Ryuk (TESTCONTAINERS_RYUK_DISABLED=true) nothing else removes a container a test forgot
        this.removeOnExit = new Thread(container::stop, "remove-kafka-container");
        Runtime.getRuntime().addShutdownHook(removeOnExit);
    }

    static ContainerKafkaBroker start(String image) {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor(
                "apache/kafka"))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "5")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "5")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(EmbeddedKafkaBroker.MAX_MESSAGE_BYTES))
                .withEnv("KAFKA_REPLICA_FETCH_MAX_BYTES", String.valueOf(EmbeddedKafkaBroker.MAX_MESSAGE_BYTES))
                .withLabel(LABEL, "kafka")
                .withStartupTimeout(Duration.ofMinutes(2));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new IllegalStateException(
                    "Kafka container on " + image + " did not start (" + TestBrokerChoice.KIND_VARIABLE
                            + "=testcontainers needs a Docker engine and the image; deploy/docker/build-images makes "
                            + "chainwatch/kafka-standin)",
                    e);
        }
        return new ContainerKafkaBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        container.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(removeOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops an already stopped container, which does nothing
        }
    }
}
