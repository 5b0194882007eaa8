package io.chainwatch.notifier.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition are still pending (queued or being sent), so that the committed offset never
 * passes an alert that was neither delivered nor dead-lettered: per partition it is the oldest pending offset, or one
 * past the newest offset seen when nothing is pending. Thread-safe (synchronized).
 */
final class OffsetTracker {

    private final Map<TopicPartition, TreeSet<Long>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** An offset read from the topic and not done yet. */
    synchronized void add(TopicPartition partition, long offset) {
        pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        next.merge(partition, offset + 1, Math::max);
    }

    /** An offset read from the topic that needs no work (for example a record that is not an alert). */
    synchronized void skip(TopicPartition partition, long offset) {
        next.merge(partition, offset + 1, Math::max);
    }

    /** The alert at this offset was delivered, found already delivered, or dead-lettered. */
    synchronized void done(TopicPartition partition, long offset) {
        TreeSet<Long> offsets = pending.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    synchronized int pendingCount() {
        return pending.values().stream().mapToInt(TreeSet::size).sum();
    }

    /** The offsets to commit that moved since the last call; the caller commits them and then calls committed. */
    synchronized Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (var entry : next.entrySet()) {
            TopicPartition partition = entry.getKey();
            TreeSet<Long> offsets = pending.get(partition);
            long commit = offsets == null || offsets.isEmpty() ? entry.getValue() : offsets.first();
            if (!Long.valueOf(commit).equals(committed.get(partition))) {
                result.put(partition, new OffsetAndMetadata(commit));
            }
        }
        return result;
    }

    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    /** Forgets partitions this instance no longer owns. */
    synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            pending.remove(p);
            next.remove(p);
            committed.remove(p);
        });
    }
}
