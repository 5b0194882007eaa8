package io.chainwatch.ingestor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.Topics;

/**
 * Reads {@code chainwatch.blocks} as a downstream consumer would (read_committed) and replays it: APPLIED must extend
 * the replayed head (no gap, no duplicate), REVERTED must remove exactly the head. The result is the chain the
 * events describe, which must equal the node's canonical chain.
 */
final class BlockLog implements AutoCloseable {

    private final KafkaConsumer<String, BlockEvent> consumer;
    private final List<BlockEvent> events = new ArrayList<>();

    BlockLog(String bootstrap) {
        io.chainwatch.kafka.TopicProvisioner.ensureAll(new KafkaSettings(bootstrap));
        Map<String, Object> props = new KafkaSettings(bootstrap).consumer("block-log", "block-log-" + UUID
                .randomUUID());
        consumer = new KafkaConsumer<>(props, Topics.BLOCKS.keySerde().deserializer(), Topics.BLOCKS.valueSerde()
                .deserializer());
        // metadata of a topic created a moment ago can still be empty
        List<TopicPartition> partitions = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> consumer.partitionsFor(Topics.BLOCKS.name(), Duration.ofSeconds(5)).stream().map(
                        p -> new TopicPartition(p.topic(), p.partition())).toList(),
                list -> !list.isEmpty());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls what is new and returns every event read so far. */
    List<BlockEvent> events() {
        for (ConsumerRecord<String, BlockEvent> record : consumer.poll(Duration.ofMillis(200))) {
            events.add(record.value());
        }
        return List.copyOf(events);
    }

    /** Block hashes by number, as the events describe the chain; fails on a gap, a duplicate or a bad revert. */
    static List<String> replay(List<BlockEvent> events) {
        List<BlockEvent> chain = new ArrayList<>();
        for (BlockEvent event : events) {
            BlockEvent head = chain.isEmpty() ? null : chain.get(chain.size() - 1);
            if (event.getType() == BlockEventType.APPLIED) {
                if (head != null && (event.getNumber() != head.getNumber() + 1 || !event.getParentHash().equals(head
                        .getHash()))) {
                    throw new AssertionError("APPLIED " + event.getNumber() + " does not extend " + head.getNumber()
                            + " (gap, duplicate or missed reorg)");
                }
                chain.add(event);
            } else {
                if (head == null || head.getNumber() != event.getNumber() || !head.getHash().equals(event.getHash())) {
                    throw new AssertionError("REVERTED " + event.getNumber() + " is not the head");
                }
                chain.remove(chain.size() - 1);
            }
        }
        return chain.stream().map(BlockEvent::getHash).toList();
    }

    static long firstNumber(List<BlockEvent> events) {
        return events.isEmpty() ? -1 : events.get(0).getNumber();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
