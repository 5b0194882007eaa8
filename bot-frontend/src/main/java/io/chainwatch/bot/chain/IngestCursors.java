package io.chainwatch.bot.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.bot.store.BotErrors;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.IngestCursor;
import io.chainwatch.schema.Topics;

/**
 * Follows the ingestor's cursors ({@code chainwatch.ingest-cursors}, compacted, key = chain) in the background, so
 * {@code /status} can say which block each chain has reached without waiting for Kafka. Reads committed records only
 * (the cursor is written in the ingestor's transactions), with no consumer group: every bot instance reads it all. A
 * cursor's time is its record's timestamp, i.e. when the ingestor committed that block. One thread; the reads are
 * thread-safe.
 */
public final class IngestCursors implements AutoCloseable, CoverageSource {

    private static final Logger LOG = LoggerFactory.getLogger(IngestCursors.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);

    private final KafkaSettings kafka;
    private final Map<String, Cursor> latest = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    public IngestCursors(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    public synchronized void start() {
        Map<String, Object> props = kafka.common("chainwatch-bot-cursors");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = Thread.ofPlatform().name("chainwatch-bot-cursors").daemon().start(this::run);
    }

    @Override
    public Optional<Cursor> cursor(String chain) {
        return Optional.ofNullable(latest.get(chain));
    }

    private void run() {
        try {
            assign();
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                } catch (RecordDeserializationException e) {
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Ingest cursor reader stopped; /status shows no progress: {}", BotErrors.describe(e));
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Waits for the topic (the ingestor or the provisioner creates it) and reads it from the beginning. */
    private void assign() throws InterruptedException {
        while (running) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.INGEST_CURSORS.name(), Duration.ofSeconds(
                    5));
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p
                        .partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                return;
            }
            Thread.sleep(TOPIC_RETRY);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        try {
            IngestCursor cursor = Topics.INGEST_CURSORS.valueSerde().deserializer().deserialize(record.topic(), record
                    .value());
            latest.put(record.key(), new Cursor(cursor.getNumber(), cursor.getHash(), Instant.ofEpochMilli(record
                    .timestamp())));
        } catch (RuntimeException e) {
            LOG.warn("Skipping an undecodable cursor of {} at offset {}: {}", record.key(), record.offset(), BotErrors
                    .describe(e));
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
