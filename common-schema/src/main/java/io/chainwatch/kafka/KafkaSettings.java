package io.chainwatch.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.schema.Topics;

/**
 * Where Kafka is and the client settings every service shares.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param instanceId {@code CHAINWATCH_INSTANCE_ID}: when set, consumers use static group membership
 *        ({@code group.instance.id}), so a process restarted with the same id — also after {@code kill -9} — takes its
 *        partitions back at once instead of waiting for the dead member's session to time out
 * @param replication {@code CHAINWATCH_TOPIC_REPLICATION} and {@code CHAINWATCH_TOPIC_MIN_ISR}: the copies every topic
 *        chainwatch or its Kafka Streams create keeps
 */
public record KafkaSettings(String bootstrapServers, Optional<String> instanceId, ReplicationSettings replication) {

    public static final String BOOTSTRAP = EnvNames.KAFKA_BOOTSTRAP_SERVERS;
    public static final String INSTANCE_ID = "CHAINWATCH_INSTANCE_ID";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    /** A client of {@code bootstrapServers} with no static membership and the default replication. */
    public KafkaSettings(String bootstrapServers) {
        this(bootstrapServers, Optional.empty(), ReplicationSettings.DEFAULTS);
    }

    public static KafkaSettings from(RuntimeEnv env) {
        return new KafkaSettings(env.get(BOOTSTRAP, DEFAULT_BOOTSTRAP), env.get(INSTANCE_ID), ReplicationSettings
                .from(env));
    }

    /** The {@code group.instance.id} of this process in {@code groupId}, when static membership is on. */
    public Optional<String> staticMemberId(String groupId) {
        return instanceId.map(id -> groupId + "-" + id);
    }

    /** Base properties for any client. */
    public Map<String, Object> common(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** An idempotent producer that waits for all replicas and accepts block-sized records. */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_BLOCK_MESSAGE_BYTES);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    /** A read_committed consumer that commits offsets itself. */
    public Map<String, Object> consumer(String clientId, String groupId) {
        Map<String, Object> props = common(clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        staticMemberId(groupId).ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_BLOCK_MESSAGE_BYTES);
        return props;
    }
}
