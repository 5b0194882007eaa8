package io.chainwatch.matcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.kafka.ReplicationSettings.Replication;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.Watchers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/**
 * Runs the {@link MatcherTopology} with exactly-once processing. Plain Java: the Micronaut factory only builds and
 * closes it. The local state is kept across restarts (no {@code cleanUp()}), so a restart resumes from the committed
 * transaction with warm stores. Thread-safe: {@link #start()} and {@link #close()} may be called from any thread.
 */
public final class MatcherService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MatcherService.class);
    /** Kafka's internal consumer switch that Kafka Streams turns off; see {@link #properties(MatcherSettings)}. */
    /** fetch.max.bytes and max.partition.fetch.bytes of the global and restore consumers. */
    static final int RESTORE_FETCH_BYTES = 4 * 1024 * 1024;
    static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    private final MatcherSettings settings;
    private final MeterRegistry registry;
    private KafkaStreams streams;
    private KafkaStreamsMetrics metrics;

    /**
     * The meter counting the subscription changes this instance has applied ({@code …_total} in Prometheus): a watch
     * added with the bot is matched from the moment it rises.
     */
    public static final String SUBSCRIPTION_UPDATES = "chainwatch_matcher_subscription_updates";

    public MatcherService(MatcherSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    /** Creates missing topics, then starts the streams and returns; processing continues on the stream threads. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("the matcher is already started");
        }
        Replication replication = TopicProvisioner.ensure(settings.kafka(), Topics.ALL, settings.applicationId())
                .wanted();
        Counter subscriptionUpdates = Counter.builder(SUBSCRIPTION_UPDATES).description(
                "changes of chainwatch.subscriptions applied to this instance's global store").register(registry);
        Topology topology = MatcherTopology.build(settings, subscriptionUpdates::increment);
        LOG.debug("Matcher topology:\n{}", topology.describe());
        streams = new KafkaStreams(topology, properties(settings, replication));
        streams.setUncaughtExceptionHandler(MatcherErrors::onUncaught);
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        streams.start();
        LOG.info("Matcher started: application {}, state in {}, {} standby replicas", settings.applicationId(),
                settings.stateDir(), settings.standbyReplicas());
    }

    /**
     * The Kafka Streams configuration of {@code settings}; the changelog and repartition topics Kafka Streams creates
     * keep the copies {@code replication} asks for, as chainwatch's own topics do (Kafka Streams' default, -1, takes
     * the broker's {@code default.replication.factor}, which is 1 unless the operator changed it).
     */
    static Properties properties(MatcherSettings settings, Replication replication) {
        Properties props = new Properties();
        Map<String, Object> common = settings.kafka().common(settings.applicationId());
        props.putAll(common);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        settings.kafka().staticMemberId(settings.applicationId()).ifPresent(id -> props.put(StreamsConfig
                .consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDb.class);
        props.put(BoundedMemoryRocksDb.MEMORY_BYTES_CONFIG, settings.rocksDbMemoryBytes());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                MatcherErrors.SkipPoisonRecords.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, MatcherErrors.SkipPoisonRecords.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                Topics.MAX_BLOCK_MESSAGE_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), Topics.MAX_BLOCK_MESSAGE_BYTES
                * 2);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // The global consumer (subscriptions) and the restore consumer (changelogs) read small records: a fetch of up
        // to 32 MB is a 32 MB heap buffer each while a million subscriptions or a changelog are restored, in a heap of
        // 77 MB (30 % of a 256 MB container). 4 MB fetches restore as fast; a record larger than that still comes
        // through (a fetch returns at least one batch whatever its size).
        for (String prefix : List.of(StreamsConfig.globalConsumerPrefix(""), StreamsConfig.restoreConsumerPrefix(
                ""))) {
            props.put(prefix + ConsumerConfig.FETCH_MAX_BYTES_CONFIG, RESTORE_FETCH_BYTES);
            props.put(prefix + ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, RESTORE_FETCH_BYTES);
        }
        // Kafka Streams' record cache (10 MB of heap by default) serves only stores built with caching on; none of
        // the matcher's is (each write must reach its changelog in the same transaction anyway), so it holds nothing
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        // A part of a matched block (MatchingStage.MATCHES_PER_RECORD alerts) on the internal topic may be as large as
        // a block: the internal topics and the producer accept what the blocks topic does
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), Topics.MAX_BLOCK_MESSAGE_BYTES);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication.factor());
        props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), replication.minIsr());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_BLOCK_MESSAGE_BYTES);
        // Kafka Streams keeps a closing dynamic member in the group until its session times out (45 s), pausing
        // every chain it owned; a matcher that stops on purpose hands its tasks over at once instead.
        props.put(StreamsConfig.consumerPrefix(LEAVE_GROUP_ON_CLOSE), true);
        // Alerts and changelog records are small and many: lz4 compresses them at a fraction of zstd's CPU, and larger
        // batches mean fewer compression contexts set up on the stream thread (profiled: zstd's context creation was
        // about 3 % of it with 16 KB batches)
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 64 * 1024);
        // One request in flight: with several, the first batch of a transaction refused with a retriable error
        // (CONCURRENT_TRANSACTIONS while the previous commit's markers are written) can be overtaken by a later batch
        // that the broker accepts, and its retry is then refused with OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery
        // timeout (KAFKA-14359; seen in bench/run match). The stream thread never waits for a send, only for commits.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        return props;
    }

    /** Whether the streams are running (or rebalancing) and processing. */
    public boolean isHealthy() {
        return health().healthy();
    }

    public MatcherHealth health() {
        KafkaStreams current;
        synchronized (this) {
            current = streams;
        }
        if (current == null) {
            return new MatcherHealth("NOT_STARTED", false, 0);
        }
        KafkaStreams.State state = current.state();
        boolean healthy = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return new MatcherHealth(state.name(), healthy, current.metadataForLocalThreads().size());
    }

    /**
     * The active tasks of each of this instance's stream threads ({@code 1_p}: the matching stage of the blocks
     * topic's partition p; {@code 2_p}: the stateful stage of the internal topic's partition p; sub-topology 0 is the
     * global store's), sorted; empty before {@link #start()}.
     */
    public Map<String, List<String>> activeTasksByThread() {
        KafkaStreams current;
        synchronized (this) {
            current = streams;
        }
        Map<String, List<String>> tasks = new TreeMap<>();
        if (current != null) {
            for (ThreadMetadata thread : current.metadataForLocalThreads()) {
                tasks.put(thread.threadName(), thread.activeTasks().stream().map(task -> task.taskId().toString())
                        .sorted().toList());
            }
        }
        return tasks;
    }

    /**
     * The watchers of subscription {@code key} ({@code chain:address}, {@code chain:tx:hash}) as this instance's
     * global store holds them now — what its next block is matched against; empty when none, or before the streams
     * run.
     */
    public Optional<Watchers> subscription(String key) {
        KafkaStreams current;
        synchronized (this) {
            current = streams;
        }
        if (current == null) {
            return Optional.empty();
        }
        try {
            ReadOnlyKeyValueStore<String, Watchers> store = current.store(StoreQueryParameters.fromNameAndType(
                    MatcherTopology.SUBSCRIPTIONS_STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(store.get(key));
        } catch (InvalidStateStoreException notRunningYet) {
            return Optional.empty();
        }
    }

    /**
     * Stops the streams, waiting at most the configured close timeout; committed work is kept. The instance leaves
     * the consumer group, so its tasks move to the remaining instances at once instead of after the session timeout.
     */
    @Override
    public synchronized void close() {
        if (streams == null) {
            return;
        }
        Duration timeout = settings.closeTimeout();
        if (!streams.close(new KafkaStreams.CloseOptions().timeout(timeout).leaveGroup(true))) {
            LOG.warn("Matcher streams did not stop within {}", timeout);
        }
        if (metrics != null) {
            metrics.close();
        }
        streams = null;
        LOG.info("Matcher stopped");
    }
}
