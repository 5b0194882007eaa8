package io.chainwatch.testsupport;

import io.chainwatch.devkit.EmbeddedKafkaBroker;

/**
 * The devkit's in-process broker as a {@link TestBroker}: the devkit ships with the standalone mode and knows nothing
 * of how the tests choose their broker, so the test support adapts it here.
 */
record InProcessKafkaBroker(EmbeddedKafkaBroker broker) implements TestBroker {

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
    }
}
