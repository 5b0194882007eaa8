package io.chainwatch.testsupport;

import io.chainwatch.devkit.EmbeddedKafkaBroker;

/**
 * The Kafka broker an integration test runs against. Every IT that needs one broker asks {@link #start()}, so the
 * choice between the in-process broker and a broker in a container is made in one place
 * ({@link TestBrokerChoice}) and a whole test run moves from one to the other without touching a test:
 * <ul>
 * <li>{@code CHAINWATCH_TEST_KAFKA=embedded} (the default): {@link EmbeddedKafkaBroker}, needs nothing but the
 * JVM;</li>
 * <li>{@code CHAINWATCH_TEST_KAFKA=testcontainers}: Testcontainers' Kafka module on a Docker engine, with the image
 * of {@code CHAINWATCH_TEST_KAFKA_IMAGE} (else {@code KAFKA_IMAGE}, the variable compose reads, else
 * {@value TestBrokerChoice#DEFAULT_IMAGE}); {@code deploy/docker/build-images} makes a compatible stand-in,
 * {@code chainwatch/kafka-standin}, where no registry is reachable. Where Testcontainers' own Ryuk image cannot be
 * had either, set {@code TESTCONTAINERS_RYUK_DISABLED=true}: {@link #close()} and a shutdown hook then remove the
 * container.</li>
 * </ul>
 * Both are one KRaft node with the same development settings (one partition per new topic, no automatic topic
 * creation, 16 MiB messages).
 */
public interface TestBroker extends AutoCloseable {

    /** The bootstrap servers a client on this host uses. */
    String bootstrapServers();

    /** Stops the broker and deletes its data. Calling it again does nothing. */
    @Override
    void close();

    /** Starts the broker this run's environment chooses (see the class comment). */
    static TestBroker start() {
        return TestBrokerChoice.from(System.getenv()).start();
    }
}
