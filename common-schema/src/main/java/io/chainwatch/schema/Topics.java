package io.chainwatch.schema;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;

/** The typed registry of every topic chainwatch reads or writes. */
public final class Topics {

    public static final String PREFIX = "chainwatch.";

    /** Largest block event accepted (a full BSC block with receipts and logs stays well below). */
    public static final int MAX_BLOCK_MESSAGE_BYTES = 16 * 1024 * 1024;
    /**
     * Largest watcher list: one address watched by 10,000 chats with 64-character labels is about 3 MB before
     * compression; 8 MB leaves room for 25,000.
     */
    public static final int MAX_WATCHERS_MESSAGE_BYTES = 8 * 1024 * 1024;

    /** APPLIED / REVERTED block events; key: chain name, so one chain's events stay in order. */
    public static final Topic<String, BlockEvent> BLOCKS = new Topic<>(PREFIX + "blocks", Serdes.String(),
            AvroSerde.of(BlockEvent.class), new TopicSettings(6, Map.of("cleanup.policy", "delete", "retention.ms",
                    TopicSettings.SEVEN_DAYS_MS, "compression.type", "zstd", "max.message.bytes",
                    Integer.toString(MAX_BLOCK_MESSAGE_BYTES))));

    /** Full watcher list per key ({@code chain:address} or {@code chain:tx:hash}); compacted state transfer. */
    public static final Topic<String, Watchers> SUBSCRIPTIONS = new Topic<>(PREFIX + "subscriptions",
            Serdes.String(), AvroSerde.of(Watchers.class), new TopicSettings(6, Map.of("cleanup.policy", "compact",
                    "min.compaction.lag.ms", "0", "compression.type", "zstd", "max.message.bytes", Integer.toString(
                            MAX_WATCHERS_MESSAGE_BYTES))));

    /** Alerts keyed by chat id, so one chat's alerts stay in order on one partition. */
    public static final Topic<String, Alert> ALERTS = new Topic<>(PREFIX + "alerts", Serdes.String(),
            AvroSerde.of(Alert.class), TopicSettings.deleted(12, TopicSettings.SEVEN_DAYS_MS));

    /** Bot blocked / chat migrated / chat deleted, keyed by chat id. */
    public static final Topic<String, ChatEvent> CHAT_EVENTS = new Topic<>(PREFIX + "chat-events", Serdes.String(),
            AvroSerde.of(ChatEvent.class), TopicSettings.deleted(3, TopicSettings.SEVEN_DAYS_MS));

    /** Alerts that can never be delivered, with the reason. */
    public static final Topic<String, DeadLetter> ALERTS_DLQ = new Topic<>(PREFIX + "alerts.dlq", Serdes.String(),
            AvroSerde.of(DeadLetter.class), TopicSettings.deleted(3, Long.toString(30L * 24 * 3600 * 1000)));

    /** The ingestor's cursor per chain, written in the same transaction as the block events. */
    public static final Topic<String, IngestCursor> INGEST_CURSORS = new Topic<>(PREFIX + "ingest-cursors",
            Serdes.String(), AvroSerde.of(IngestCursor.class), TopicSettings.compacted(1));

    public static final List<Topic<?, ?>> ALL = List.of(BLOCKS, SUBSCRIPTIONS, ALERTS, CHAT_EVENTS, ALERTS_DLQ,
            INGEST_CURSORS);

    private Topics() {
    }

    /** The topic with this name, if it is one of chainwatch's. */
    public static java.util.Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Subscription key of a watched address: {@code chain:0xabc...} (lower case). */
    public static String addressKey(String chain, String address) {
        return addressKeyPrefix(chain) + Ascii.lower(address);
    }

    /** What every {@link #addressKey} of {@code chain} starts with; the lower-case address follows. */
    public static String addressKeyPrefix(String chain) {
        return chain + ":";
    }

    /** Subscription key of a tracked transaction: {@code chain:tx:0xabc...} (lower case). */
    public static String txKey(String chain, String txHash) {
        return txKeyPrefix(chain) + Ascii.lower(txHash);
    }

    /** What every {@link #txKey} of {@code chain} starts with; the lower-case hash follows. */
    public static String txKeyPrefix(String chain) {
        return chain + ":tx:";
    }
}
