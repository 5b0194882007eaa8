package io.chainwatch.bot;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.Watchers;

/**
 * Reads {@code chainwatch.subscriptions} from the beginning and keeps the latest value per key (as a compacted topic
 * would), tombstones included. Single-threaded: call from the test thread.
 */
public final class SubscriptionsReader implements AutoCloseable {

    private final KafkaConsumer<String, Watchers> consumer;
    /** Latest value per key; a key mapped to an empty Optional had a tombstone last. */
    private final Map<String, Optional<Watchers>> latest = new HashMap<>();
    private int records;

    public SubscriptionsReader(KafkaSettings kafka) {
        Map<String, Object> props = kafka.consumer("it-subscriptions-reader", "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, Topics.SUBSCRIPTIONS.keySerde().deserializer(), Topics.SUBSCRIPTIONS
                .valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.SUBSCRIPTIONS.name()));
    }

    /** Polls once and returns the latest value per key seen so far. */
    public Map<String, Optional<Watchers>> poll() {
        for (ConsumerRecord<String, Watchers> record : consumer.poll(Duration.ofMillis(200))) {
            latest.put(record.key(), Optional.ofNullable(record.value()));
            records++;
        }
        return latest;
    }

    int recordCount() {
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
