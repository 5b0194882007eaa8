package io.chainwatch.schema;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with its name and the serdes of its keys and values, so that producers, consumers and topologies
 * never pair a topic with the wrong serde.
 *
 * @param name full topic name, e.g. {@code chainwatch.alerts}
 * @param keySerde serde of the (plain string) keys
 * @param valueSerde serde of the Avro values
 * @param settings how the topic is created
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, TopicSettings settings) {

    @Override
    public String toString() {
        return name;
    }
}
