package io.chainwatch.ingestor;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.Topics;

/**
 * The hashes this chain's ingestor published at given heights, read back from {@code chainwatch.blocks}: what a reorg
 * deeper than the remembered window must be compared with. The topic is read backwards in chunks from its end until
 * every asked height is settled (its last live event seen) or the partition's beginning is reached. Backfilled
 * events are ignored: they never were part of the live chain. Read committed, so an open transaction of our own is
 * not seen; the caller overlays what it sent in it.
 */
final class PublishedHistory {

    private static final Duration POLL = Duration.ofMillis(500);

    private PublishedHistory() {
    }

    /** Published hash by height, for the heights in {@code from..to} where one is published. */
    static Map<Long, String> read(KafkaSettings kafka, String chain, long from, long to) {
        Map<String, Object> props = kafka.consumer("chainwatch-ingestor-history-" + chain, "unused-" + UUID
                .randomUUID());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        try (KafkaConsumer<String, BlockEvent> consumer = new KafkaConsumer<>(props, Topics.BLOCKS.keySerde()
                .deserializer(), Topics.BLOCKS.valueSerde().deserializer())) {
            TopicPartition partition = partitionOf(consumer, chain);
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long chunk = Math.max(1_000, 4 * (to - from + 1));
            Map<Long, BlockEvent> settled = new HashMap<>();
            long chunkEnd = end;
            while (chunkEnd > begin && settled.size() < to - from + 1) {
                long chunkStart = Math.max(begin, chunkEnd - chunk);
                Map<Long, BlockEvent> latest = new HashMap<>();
                consumer.seek(partition, chunkStart);
                while (consumer.position(partition) < chunkEnd) {
                    for (ConsumerRecord<String, BlockEvent> record : consumer.poll(POLL)) {
                        if (record.offset() < chunkEnd && chain.equals(record.key())) {
                            latest(latest, record.value(), from, to);
                        }
                    }
                }
                latest.forEach(settled::putIfAbsent); // a later chunk already settled its heights for good
                chunkEnd = chunkStart;
            }
            return live(settled);
        }
    }

    /** Keeps the last live (not backfilled) event per height within {@code from..to}. */
    static void latest(Map<Long, BlockEvent> latest, BlockEvent event, long from, long to) {
        if (!event.getBackfill() && event.getNumber() >= from && event.getNumber() <= to) {
            latest.put(event.getNumber(), event);
        }
    }

    /** The heights whose last event applied a block, with that block's hash. */
    static Map<Long, String> live(Map<Long, BlockEvent> latest) {
        Map<Long, String> hashes = new HashMap<>();
        latest.forEach((number, event) -> {
            if (event.getType() == BlockEventType.APPLIED) {
                hashes.put(number, event.getHash());
            }
        });
        return hashes;
    }

    /** The partition the producer's default partitioner puts this chain's key in. */
    private static TopicPartition partitionOf(KafkaConsumer<String, BlockEvent> consumer, String chain) {
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.BLOCKS.name());
        if (partitions.isEmpty()) {
            throw new KafkaException(Topics.BLOCKS.name() + " is not available yet");
        }
        byte[] key = Topics.BLOCKS.keySerde().serializer().serialize(Topics.BLOCKS.name(), chain);
        return new TopicPartition(Topics.BLOCKS.name(), Utils.toPositive(Utils.murmur2(key)) % partitions.size());
    }
}
