package io.chainwatch.kafka;

import java.util.List;
import java.util.stream.Collectors;

import io.chainwatch.kafka.ReplicationSettings.Replication;

/**
 * chainwatch's topics on a cluster, held against the configured replication: which keep fewer copies than configured
 * (created by an older version, or by hand), and which partitions are under-replicated or offline right now.
 *
 * @param brokers brokers the cluster reported
 * @param wanted the configured replication, resolved for this cluster
 * @param topics every chainwatch topic found, Kafka Streams' internal ones included, by name
 */
public record ReplicationAudit(int brokers, Replication wanted, List<TopicReport> topics) {

    public ReplicationAudit {
        topics = List.copyOf(topics);
    }

    /** Topics below {@link #wanted}; never changed by chainwatch on its own (see {@code ./chainwatch topics}). */
    public List<TopicReport> below() {
        return topics.stream().filter(t -> t.isBelow(wanted)).toList();
    }

    public int underReplicatedPartitions() {
        return topics.stream().mapToInt(TopicReport::underReplicated).sum();
    }

    public int offlinePartitions() {
        return topics.stream().mapToInt(TopicReport::offline).sum();
    }

    /** Whether anything needs an operator: a topic below the configured replication, or a partition not in sync. */
    public boolean needsAttention() {
        return !below().isEmpty() || underReplicatedPartitions() > 0 || offlinePartitions() > 0;
    }

    /** One line for a log or a health row. */
    public String summary() {
        StringBuilder line = new StringBuilder().append(brokers).append(" broker(s), ").append(topics.size()).append(
                " topic(s), configured ").append(wanted);
        List<TopicReport> below = below();
        if (!below.isEmpty()) {
            line.append("; below it: ").append(below.stream().map(TopicReport::describe).collect(Collectors.joining(
                    ", "))).append(" — raise with ./chainwatch topics --raise-replication");
        }
        if (underReplicatedPartitions() > 0) {
            line.append("; ").append(underReplicatedPartitions()).append(" under-replicated partition(s)");
        }
        if (offlinePartitions() > 0) {
            line.append("; ").append(offlinePartitions()).append(" OFFLINE partition(s)");
        }
        return line.toString();
    }
}
