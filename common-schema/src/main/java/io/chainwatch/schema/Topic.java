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

    /** The value's bytes as they are stored in this topic ({@code null} stays a tombstone). */
    public byte[] serializeValue(V value) {
        return valueSerde.serializer().serialize(name, value);
    }

    /** The value stored as {@code bytes} in this topic. */
    public V deserializeValue(byte[] bytes) {
        return valueSerde.deserializer().deserialize(name, bytes);
    }

    @Override
    public String toString() {
        return name;
    }
}
