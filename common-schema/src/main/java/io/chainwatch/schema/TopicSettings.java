package io.chainwatch.schema;

import java.util.Map;

/**
 * How a topic is created: partitions and topic-level configs (cleanup policy, retention, message size).
 *
 * @param partitions partition count at creation
 * @param configs Kafka topic configs
 */
public record TopicSettings(int partitions, Map<String, String> configs) {

    /** Seven days: what a replay can reach back. */
    public static final String SEVEN_DAYS_MS = Long.toString(7L * 24 * 3600 * 1000);

    public static TopicSettings deleted(int partitions, String retentionMs) {
        return new TopicSettings(partitions, Map.of("cleanup.policy", "delete", "retention.ms", retentionMs));
    }

    public static TopicSettings compacted(int partitions) {
        return new TopicSettings(partitions, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0"));
    }
}
