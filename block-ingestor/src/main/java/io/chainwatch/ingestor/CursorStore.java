package io.chainwatch.ingestor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.IngestCursor;
import io.chainwatch.schema.Topics;

/**
 * Reads a chain's last committed cursor from {@code chainwatch.ingest-cursors}. It must be called after the
 * transactional producer's {@code initTransactions()}: that aborts whatever a crashed predecessor left open, so the
 * read_committed view here is exactly what was published.
 */
final class CursorStore {

    private CursorStore() {
    }

    static Optional<IngestCursor> lastCursor(KafkaSettings kafka, String chain) {
        Map<String, Object> props = kafka.consumer("chainwatch-ingestor-cursor-" + chain, "unused-" + UUID
                .randomUUID());
        props.remove("group.id");
        try (KafkaConsumer<String, IngestCursor> consumer = new KafkaConsumer<>(props, Topics.INGEST_CURSORS.keySerde()
                .deserializer(), Topics.INGEST_CURSORS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_CURSORS.name()).stream().map(
                    p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                // never read "no partitions" as "no cursor": that would restart the chain from the head, a gap
                throw new KafkaException(Topics.INGEST_CURSORS.name() + " is not available yet");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            IngestCursor last = null;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, IngestCursor> record : consumer.poll(Duration.ofMillis(500))) {
                    if (chain.equals(record.key())) {
                        last = record.value();
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }
}
