package io.chainwatch.matcher;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.chainwatch.schema.AvroSerde;
import io.chainwatch.schema.MatchedBlock;
import io.chainwatch.schema.Topics;

/**
 * The matcher's topology, a pure function of its {@link MatchingRules}: two sub-topologies, so that one chain's
 * matching and its bookkeeping run on two stream threads at once.
 *
 * <pre>
 * chainwatch.subscriptions ──► global store {@value #SUBSCRIPTIONS_STORE} (every instance holds all of it)
 * chainwatch.blocks ──► {@value #MATCH_PROCESSOR} ({@link MatchingStage}, stateless)
 *                         │ decodes the block, asks the in-heap {@link KeyFilter} about every key of every
 *                         │ transaction at once, and matches the few it cannot rule out against the global store
 *                         ▼
 *   &lt;application id&gt;-{@value #MATCHED_BLOCKS}-repartition (key: chain; the block's header and its matches only)
 *                         ▼
 *                       {@value #ADMIT_PROCESSOR} ({@link BlockProcessor}) ──► chainwatch.alerts (key: chat id)
 *                         └ {@value #PENDING_STORE}, {@value #SENT_STORE}, {@value #DEDUP_STORE},
 *                           {@value #COUNTERPARTIES_STORE}, {@value #HEADS_STORE} (changelogged, per chain)
 * </pre>
 *
 * <b>Why a global store for subscriptions.</b> A transaction touches up to a dozen addresses (sender, receiver, every
 * token and internal transfer's ends, the created contract), and a block carries hundreds of transactions. Joining
 * them against a partitioned KTable would mean re-keying every transaction by every address it touches — a
 * repartition topic carrying a multiple of the whole chain's traffic, most of it for addresses nobody watches — and
 * then re-grouping the matches per block for confirmations and reorgs. With a global store the lookups are local
 * RocksDB reads (a few microseconds each), a block stays one record keyed by its chain, and the only cost is that
 * every instance holds all subscriptions: about 1,000,000 keys of a few hundred bytes, a few hundred MB of RocksDB on
 * disk with a bounded block cache (see {@link BoundedMemoryRocksDb}), which is fine for a self-hosted monitor. A Bloom
 * filter of the store's keys in front of it ({@link KeyFilter}, about 4 MB of heap for a million keys) answers the
 * lookups of addresses nobody watches — nearly all of them — without touching RocksDB. Subscription changes are rare
 * and small; they are read by every instance's global thread, and a watch added while a block is being matched
 * applies from the next block on.
 * <p>
 * <b>Why two stages.</b> One chain is one partition of the blocks topic, hence one task and one stream thread: with a
 * single stage that thread decoded and matched every transaction and also kept every store, while the rest of the
 * machine idled. The stateless stage does the per-transaction half and forwards a block's matches only (a few
 * records' worth instead of hundreds of transactions) through an internal topic, still keyed by chain and in order;
 * the stateful stage does the per-alert half. Both commit in the same exactly-once transactions of their threads.
 * The internal topic's partitioner ({@link #stageAfter}) places a chain one partition further than its blocks
 * partition, so that the two tasks of a chain do not share a stream thread (see there).
 * <p>
 * <b>Ordering.</b> The blocks topic is keyed by chain, so one chain's APPLIED/REVERTED events arrive in order at one
 * matching task, which forwards them in order to one partition of the internal topic, read by one stateful task
 * that owns that chain's held alerts, sent alerts and head; no cross-task coordination is needed.
 */
public final class MatcherTopology {

    /** Global store: subscription key ({@code chain:address}, {@code chain:tx:hash}) to its watchers. */
    public static final String SUBSCRIPTIONS_STORE = "matcher-subscriptions";
    /** Alerts held for confirmations, keyed by chain and release height. */
    public static final String PENDING_STORE = "matcher-pending-alerts";
    /** Alerts sent, one record per block and block event ({@link SentAlerts}), kept for the reorg window. */
    public static final String SENT_STORE = "matcher-sent-alerts";
    /** What was held, sent or orphaned per alert identity; purged after the dedup TTL. */
    public static final String DEDUP_STORE = "matcher-dedup";
    /** Recent clean counterparties per watched address, for lookalike detection. */
    public static final String COUNTERPARTIES_STORE = "matcher-recent-counterparties";
    /** The head (last applied block number) per chain. */
    public static final String HEADS_STORE = "matcher-chain-heads";
    /** Name of the matching (stateless) processor node. */
    /** Records of the internal topic between the two stages. */
    static final Serde<MatchedBlock> MATCHED_BLOCK_SERDE = AvroSerde.of(MatchedBlock.class);
    public static final String MATCH_PROCESSOR = "match-blocks";
    /** Name of the internal topic between the two stages: {@code <application id>-matched-blocks-repartition}. */
    public static final String MATCHED_BLOCKS = "matched-blocks";
    /** Name of the stateful processor node, which admits, holds, releases and retracts alerts. */
    public static final String ADMIT_PROCESSOR = "admit-matches";

    private MatcherTopology() {
    }

    /** The internal topic between the two stages of the matcher application {@code applicationId}. */
    public static String matchedBlocksTopic(String applicationId) {
        return applicationId + "-" + MATCHED_BLOCKS + "-repartition";
    }

    public static Topology build(MatcherSettings settings, Runnable subscriptionApplied) {
        return build(settings.rules(), subscriptionApplied);
    }

    public static Topology build(MatchingRules rules) {
        return build(rules, () -> {
        });
    }

    /**
     * @param subscriptionApplied told each time a change of {@code chainwatch.subscriptions} is in this instance's
     *        global store: from then on the matcher matches blocks against it
     */
    public static Topology build(MatchingRules rules, Runnable subscriptionApplied) {
        KeyFilter watched = new KeyFilter();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(store(SUBSCRIPTIONS_STORE, Topics.SUBSCRIPTIONS.keySerde(), Topics.SUBSCRIPTIONS
                .valueSerde()).withLoggingDisabled(), Topics.SUBSCRIPTIONS.name(), Consumed.with(
                        Topics.SUBSCRIPTIONS
                                .keySerde(),
                        Topics.SUBSCRIPTIONS.valueSerde()).withName("subscriptions-source"),
                () -> new SubscriptionsUpdater(watched, subscriptionApplied));
        builder.addStateStore(store(PENDING_STORE, Serdes.String(), Topics.ALERTS.valueSerde()));
        builder.addStateStore(store(SENT_STORE, Serdes.String(), Serdes.ByteArray())); // encoded alerts
        builder.addStateStore(store(DEDUP_STORE, Serdes.String(), Serdes.String()));
        builder.addStateStore(store(COUNTERPARTIES_STORE, Serdes.String(), Serdes.String()));
        // one key per chain: kept in the heap (still changelogged) rather than in a RocksDB instance per task, each of
        // which costs its fixed native memory
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(HEADS_STORE), Serdes.String(),
                Serdes.Long()));
        builder.stream(Topics.BLOCKS.name(), Consumed.with(Topics.BLOCKS.keySerde(), Topics.BLOCKS.valueSerde())
                .withName("blocks-source"))
                .process(() -> new MatchingStage(rules, watched), Named.as(MATCH_PROCESSOR))
                .repartition(Repartitioned.with(Serdes.String(), MATCHED_BLOCK_SERDE).withName(MATCHED_BLOCKS)
                        .withStreamPartitioner(MatcherTopology::stageAfter))
                .process(() -> new BlockProcessor(rules), Named.as(ADMIT_PROCESSOR), PENDING_STORE, SENT_STORE,
                        DEDUP_STORE, COUNTERPARTIES_STORE, HEADS_STORE)
                .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Serdes.ByteArray()) // encoded
                        .withName("alerts-sink"));
        return builder.build();
    }

    /**
     * The partition of the internal topic for a chain's matched blocks: the one after the chain's partition of the
     * blocks topic (the producer's default, murmur2 of the key). Within an instance, Kafka Streams deals a new
     * assignment's tasks to its threads round robin in task id order (1_0, 1_1, …, 2_0, 2_1, …); with an even number
     * of partitions and two threads, the same partition of both sub-topologies would land on the same thread, and
     * the chain's two stages would take turns instead of running together. One partition further, they alternate.
     * Only where the work runs depends on this, never what it does: one chain still maps to one partition.
     */
    static Optional<Set<Integer>> stageAfter(String topic, String chain, MatchedBlock block, int partitions) {
        int blocksPartition = Utils.toPositive(Utils.murmur2(chain.getBytes(StandardCharsets.UTF_8))) % partitions;
        return Optional.of(Set.of((blocksPartition + 1) % partitions));
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }
}
