package io.chainwatch.bench.soak;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.Topics;

/**
 * The pipeline seen from Kafka, as an operator sees it: when each block becomes visible to a read_committed consumer
 * of {@code chainwatch.blocks} (ingest lag = that minus when the node made it), which block each watched transaction
 * landed in, and every consumer group's lag — the last stable offset of each partition it has committed on minus its
 * committed offset ({@code AdminClient.listOffsets} against {@code listConsumerGroupOffsets}).
 */
public final class PipelineProbe implements AutoCloseable {

    /** A block of a chain. */
    public record BlockId(String chain, long number) {
    }

    /** One lag reading: {@code series} is {@code group topic}, {@code lag} in records summed over partitions. */
    public record LagSample(Instant at, String series, long lag) {
    }

    private final KafkaSettings kafka;
    private final Clock clock;
    private final Set<String> interesting;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<BlockId, Instant> visible = new ConcurrentHashMap<>();
    private final Map<String, BlockId> txBlock = new ConcurrentHashMap<>();
    private final List<LagSample> lags = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Instant> alertVisible = new ConcurrentHashMap<>();
    private final Map<String, Long> transactions = new ConcurrentHashMap<>();
    private final Thread blocks;
    private final Thread alerts;
    private final Admin admin;
    private final java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor();

    /**
     * @param interesting the transaction hashes (lower case) whose block is wanted; filled by the load as it goes
     */
    public PipelineProbe(KafkaSettings kafka, Clock clock, Set<String> interesting, Duration lagEvery) {
        this.kafka = kafka;
        this.clock = clock;
        this.interesting = interesting;
        this.admin = Admin.create(kafka.common("bench-soak-admin"));
        this.blocks = Thread.ofPlatform().name("bench-soak-blocks").daemon().start(this::watchBlocks);
        this.alerts = Thread.ofPlatform().name("bench-soak-alerts").daemon().start(this::watchAlerts);
        sampler.scheduleAtFixedRate(this::sampleLag, 0, lagEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void watchBlocks() {
        try (KafkaConsumer<String, BlockEvent> consumer = new KafkaConsumer<>(Map.copyOf(kafka.consumer(
                "bench-soak-blocks", "bench-soak-blocks-" + UUID.randomUUID())), new StringDeserializer(),
                Topics.BLOCKS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.BLOCKS.name()));
            while (running.get()) {
                for (ConsumerRecord<String, BlockEvent> record : consumer.poll(Duration.ofMillis(20))) {
                    Instant now = clock.instant();
                    BlockEvent block = record.value();
                    if (block.getType() != BlockEventType.APPLIED) {
                        continue;
                    }
                    BlockId id = new BlockId(block.getChain(), block.getNumber());
                    if (visible.putIfAbsent(id, now) == null) {
                        transactions.merge(id.chain(), (long) block.getTransactions().size(), Long::sum);
                    }
                    for (ChainTransaction tx : block.getTransactions()) {
                        String hash = tx.getHash().toLowerCase(Locale.ROOT);
                        if (interesting.contains(hash)) {
                            txBlock.put(hash, id);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                e.printStackTrace();
            }
        }
    }

    /** When the matcher's first alert for each interesting transaction became visible to a read_committed consumer. */
    private void watchAlerts() {
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(Map.copyOf(kafka.consumer(
                "bench-soak-alerts", "bench-soak-alerts-" + UUID.randomUUID())), new StringDeserializer(),
                Topics.ALERTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            while (running.get()) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(20))) {
                    String hash = record.value().getTxHash().toLowerCase(Locale.ROOT);
                    if (interesting.contains(hash)) {
                        alertVisible.putIfAbsent(hash, clock.instant());
                    }
                }
            }
        } catch (RuntimeException e) {
            if (running.get()) {
                e.printStackTrace();
            }
        }
    }

    /** When the first alert of {@code txHash} became visible in {@code chainwatch.alerts}, if it has. */
    public Instant alertVisibleAt(String txHash) {
        return alertVisible.get(txHash);
    }

    private void sampleLag() {
        try {
            Instant at = clock.instant();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                if (group.groupId().startsWith("bench-")) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest, new ListOffsetsOptions(
                        IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
                Map<String, Long> byTopic = new HashMap<>();
                committed.forEach((tp, offset) -> {
                    if (offset != null && ends.containsKey(tp)) {
                        byTopic.merge(tp.topic(), Math.max(0, ends.get(tp).offset() - offset.offset()), Long::sum);
                    }
                });
                byTopic.forEach((topic, lag) -> lags.add(new LagSample(at, group.groupId() + " " + topic, lag)));
            }
        } catch (Exception e) {
            // a reading missed (broker busy): the series has a gap, not a wrong value
        }
    }

    /** When block {@code id} became visible in {@code chainwatch.blocks}, if it has. */
    public Instant visibleAt(BlockId id) {
        return visible.get(id);
    }

    /** The block {@code txHash} landed in, once the ingestor published it. */
    public BlockId blockOf(String txHash) {
        return txBlock.get(txHash);
    }

    /** Transactions in the blocks of {@code chain} published so far. */
    public long transactionsOf(String chain) {
        return transactions.getOrDefault(chain, 0L);
    }

    public List<LagSample> lags() {
        synchronized (lags) {
            return List.copyOf(lags);
        }
    }

    @Override
    public void close() {
        running.set(false);
        sampler.shutdownNow();
        try {
            blocks.join(5000);
            alerts.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
