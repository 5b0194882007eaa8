package io.chainwatch.standalone;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.IngestCursor;
import io.chainwatch.schema.Topics;

/** Reads the last committed ingest cursor of a chain (its block number), for health reports. */
final class IngestCursorReader {

    private IngestCursorReader() {
    }

    static Optional<Long> last(KafkaSettings kafka, String chain) {
        Map<String, Object> props = kafka.consumer("chainwatch-health-cursor", "unused");
        props.remove("group.id");
        props.remove("group.instance.id");
        try (KafkaConsumer<String, IngestCursor> consumer = new KafkaConsumer<>(props, Topics.INGEST_CURSORS.keySerde()
                .deserializer(), Topics.INGEST_CURSORS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_CURSORS.name()).stream().map(
                    p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Long last = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(
                    p))) {
                for (ConsumerRecord<String, IngestCursor> record : consumer.poll(Duration.ofMillis(200))) {
                    if (chain.equals(record.key()) && record.value() != null) {
                        last = record.value().getNumber();
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }
}
