package io.chainwatch.kafka;

import io.chainwatch.kafka.ReplicationSettings.Replication;

/**
 * The replication state of one topic as the cluster reports it.
 *
 * @param name topic name
 * @param partitions partition count
 * @param replication the fewest replicas any of its partitions has
 * @param minIsr its {@code min.insync.replicas} (the broker's default when the topic does not set it)
 * @param underReplicated partitions with fewer in-sync replicas than replicas
 * @param offline partitions without a leader: nobody can read or write them
 */
public record TopicReport(String name, int partitions, int replication, int minIsr, int underReplicated,
        int offline) {

    /** Whether this topic keeps fewer copies, or acknowledges writes with fewer, than {@code wanted}. */
    public boolean isBelow(Replication wanted) {
        return replication < wanted.factor() || minIsr < wanted.minIsr();
    }

    /** {@code chainwatch.blocks (replication 1, min ISR 1)}. */
    public String describe() {
        return name + " (replication " + replication + ", min ISR " + minIsr + ")";
    }
}
