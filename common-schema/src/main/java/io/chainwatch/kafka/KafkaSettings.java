package io.chainwatch.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.schema.Topics;

/**
 * Where Kafka is and the client settings every service shares.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 */
public record KafkaSettings(String bootstrapServers) {

    public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    public static KafkaSettings from(RuntimeEnv env) {
        return new KafkaSettings(env.get(BOOTSTRAP, DEFAULT_BOOTSTRAP));
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
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_BLOCK_MESSAGE_BYTES);
        return props;
    }
}
