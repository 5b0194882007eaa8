package io.chainwatch.notifier.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.Topics;

/**
 * The one consumer thread: polls {@code chainwatch.alerts}, queues each alert, pauses partitions whose chats (or the
 * whole buffer) are full and resumes them when there is room — polling on all the while, so the group membership
 * stays alive — and commits each partition's offset up to the oldest alert not yet done. On a rebalance it waits
 * (bounded) for the sends in flight of the partitions it loses, commits them, and forgets them.
 */
public final class AlertConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long COMMIT_INTERVAL_MILLIS = 200;
    /** How long a rebalance waits for sends in flight of the partitions being given up. */
    static final long REVOKE_WAIT_MILLIS = 15_000;

    private final Consumer<String, byte[]> consumer;
    private final DeliveryState state;
    private final int bufferCapacity;
    private final int chatQueueCapacity;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile long lastPollMillis;
    private volatile boolean failed;
    private long lastCommitMillis;

    public AlertConsumer(Consumer<String, byte[]> consumer, DeliveryState state, int bufferCapacity,
            int chatQueueCapacity) {
        this.consumer = consumer;
        this.state = state;
        this.bufferCapacity = bufferCapacity;
        this.chatQueueCapacity = chatQueueCapacity;
        this.lastPollMillis = state.now();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.ALERTS.name()), new Rebalance());
            while (running.get()) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    lastPollMillis = state.now();
                    records.forEach(this::enqueue);
                    adjustPauses();
                    commit(false);
                } catch (WakeupException e) {
                    // close() wants us out of poll; the loop condition decides
                }
            }
            commit(true);
        } catch (KafkaException | IllegalStateException e) {
            failed = true;
            LOG.error("The alerts consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    public void stop() {
        running.set(false);
        consumer.wakeup();
    }

    /** Alive and polling: it has polled within {@code withinMillis}. */
    public boolean healthy(long withinMillis) {
        return !failed && state.now() - lastPollMillis < withinMillis;
    }

    private void enqueue(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Alert alert;
        try {
            alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            alert = null;
        }
        if (alert == null) {
            // Poison: not an alert we can read, so nothing can be sent or dead-lettered (a DeadLetter holds an Alert).
            LOG.error("Skipping unreadable record {}@{} (key {})", partition, record.offset(), record.key());
            state.offsets().skip(partition, record.offset());
            return;
        }
        state.enqueue(new QueuedAlert(partition, record.offset(), alert, state.now()));
    }

    private void adjustPauses() {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> wanted = new HashSet<>(state.partitionsToPause(assigned, bufferCapacity,
                chatQueueCapacity));
        wanted.retainAll(assigned);
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> resume = new HashSet<>(paused);
        resume.removeAll(wanted);
        wanted.removeAll(paused);
        if (!wanted.isEmpty()) {
            LOG.info("Buffers full: pausing {}", wanted);
            consumer.pause(wanted);
        }
        if (!resume.isEmpty()) {
            LOG.info("Room again: resuming {}", resume);
            consumer.resume(resume);
        }
    }

    private void commit(boolean force) {
        long now = state.now();
        if (!force && now - lastCommitMillis < COMMIT_INTERVAL_MILLIS) {
            return;
        }
        lastCommitMillis = now;
        commit(consumer.assignment());
    }

    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(state.offsets().toCommit());
        offsets.keySet().retainAll(partitions);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                consumer.commitSync(offsets); // close() woke us; a wakeup fires once, so this one runs
            }
            state.offsets().committed(offsets);
        } catch (KafkaException e) {
            LOG.warn("Committing {} failed ({}); will retry", offsets, e.getMessage());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(partitions, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions, false);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("Assigned {}", partitions);
                state.withScheduler(s -> s.coldStart(state.now()));
            }
        }

        private void release(Collection<TopicPartition> partitions, boolean commit) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                state.releasePartitions(partitions, REVOKE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (commit) {
                commit(partitions);
            }
            state.offsets().forget(partitions);
        }
    }
}
