package io.chainwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.chainwatch.bench.services.ServiceJvms;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.matcher.MatcherService;
import io.chainwatch.matcher.MatcherSettings;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.WatchTarget;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code bench/run match}: transactions matched per second with 1,000,000 watched addresses, under exactly-once and
 * at-least-once, against a raw transactional consume-and-produce of the same block records on the same broker.
 * <p>
 * The matcher runs with the product's commit interval ({@link MatcherSettings#DEFAULT_COMMIT_INTERVAL}) unless
 * {@code -DcommitInterval=50ms} (any {@code MATCHER_COMMIT_INTERVAL} value) sets another; the paced raw pipe commits at
 * the same interval.
 */
public final class MatchBenchmark {

    /**
     * The matcher's commit interval in this run: {@code -DcommitInterval} (as {@code MATCHER_COMMIT_INTERVAL} takes
     * it), else the product's default.
     */
    private static final String COMMIT_INTERVAL = System.getProperty("commitInterval", "");
    private static final long STREAMS_EOS_COMMIT_MS = (COMMIT_INTERVAL.isBlank()
            ? MatcherSettings.DEFAULT_COMMIT_INTERVAL
            : RuntimeEnv.of(Map.of(MatcherSettings.COMMIT_INTERVAL, COMMIT_INTERVAL)).getDuration(
                    MatcherSettings.COMMIT_INTERVAL, MatcherSettings.DEFAULT_COMMIT_INTERVAL))
            .toMillis();

    public static void main(String[] args) throws Exception {
        int subscriptions = Integer.getInteger("subscriptions", 1_000_000);
        // 1,500,000 tx: windows of seconds, past JIT warm-up, and long enough that the matching stage has blocks left
        // to match once the stateful stage runs (it starts a second or two later, see matcher())
        int blocks = Integer.getInteger("blocks", 6000);
        int txPerBlock = Integer.getInteger("txPerBlock", 250);
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary()) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers());
            TopicProvisioner.ensureAll(settings);
            System.out.printf("matcher commit interval: %d ms%n", STREAMS_EOS_COMMIT_MS);
            System.out.printf("loading %,d subscriptions and %,d blocks × %d transactions…%n", subscriptions, blocks,
                    txPerBlock);
            loadSubscriptions(settings, subscriptions);
            System.out.printf("subscriptions topic holds %,d records%n", recordCount(settings, Topics.SUBSCRIPTIONS
                    .name()));
            long watchedHits = loadBlocks(settings, subscriptions, blocks, txPerBlock);

            // one unmeasured pass of each path first, so neither pays JIT compilation when measured; then rounds of
            // all five, each figure the median of its rounds (runs on this shared 2-core machine vary by ±25 %); a
            // matcher round that could not be measured (see matcher()) is left out of its median
            rawPipe(settings, blocks, false, 0);
            rawPipe(settings, blocks, true, 0);
            rawPipe(settings, blocks, false, STREAMS_EOS_COMMIT_MS);
            matcher(settings, "exactly_once_v2", blocks, txPerBlock, watchedHits);
            matcher(settings, "at_least_once", blocks, txPerBlock, watchedHits);
            int rounds = Integer.getInteger("rounds", 5);
            List<Double> raw = new ArrayList<>();
            List<Double> decoding = new ArrayList<>();
            List<Double> paced = new ArrayList<>();
            List<Double> eos = new ArrayList<>();
            List<Double> alos = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("round %d of %d%n", round, rounds);
                raw.add(rawPipe(settings, blocks, false, 0) * txPerBlock);
                decoding.add(rawPipe(settings, blocks, true, 0) * txPerBlock);
                paced.add(rawPipe(settings, blocks, false, STREAMS_EOS_COMMIT_MS) * txPerBlock);
                eos.add(matcher(settings, "exactly_once_v2", blocks, txPerBlock, watchedHits));
                alos.add(matcher(settings, "at_least_once", blocks, txPerBlock, watchedHits));
            }
            double rawTxs = median(raw);
            double decodingTxs = median(decoding);
            double pacedTxs = median(paced);
            double eosTxs = median(eos);
            double alosTxs = median(alos);
            System.out.printf("medians of %d rounds (each round's figures in order):%n", rounds);
            System.out.printf("raw consume→produce (transactional):    %,10.0f tx/s  %s%n", rawTxs, rounded(raw));
            System.out.printf("  the same, decoding each block:        %,10.0f tx/s  %s%n", decodingTxs, rounded(
                    decoding));
            System.out.printf("  the same, a transaction every %d ms:  %,10.0f tx/s  %s%n", STREAMS_EOS_COMMIT_MS,
                    pacedTxs, rounded(paced));
            System.out.printf("matcher, exactly_once_v2:               %,10.0f tx/s  %s (%d watched transfers)%n",
                    eosTxs, rounded(eos), watchedHits);
            System.out.printf("matcher, at_least_once:                 %,10.0f tx/s  %s%n", alosTxs, rounded(alos));
            System.out.printf("ratio EOS matcher / raw pipe: %.2f (target ≥ 0.50); / decoding pipe: %.2f; / pipe"
                    + " committing every %d ms: %.2f; EOS / at-least-once: %.2f; EOS tx/s target ≥ 20,000%n",
                    eosTxs / rawTxs, eosTxs / decodingTxs, STREAMS_EOS_COMMIT_MS, eosTxs / pacedTxs, eosTxs
                            / alosTxs);
        }
    }

    /** The median of the finite values (a round that could not be measured is NaN). */
    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(Double::isFinite).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static List<String> rounded(List<Double> values) {
        return values.stream().map(v -> String.format("%,.0f", v)).toList();
    }

    static String address(long i) {
        return String.format("0x%040x", 0x1000_0000_0000L + i);
    }

    private static Map<String, Object> fastProducer(KafkaSettings settings, String id) {
        Map<String, Object> props = settings.producer(id);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // as the matcher's own producer: with several requests in flight, a first batch refused with a retriable
        // error right after the topics are created can be overtaken, and its retry is then refused with
        // OUT_OF_ORDER_SEQUENCE_NUMBER for ever (KAFKA-14359; seen here loading the subscriptions)
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return props;
    }

    static void loadSubscriptions(KafkaSettings settings, int count) {
        SendFailures failures = new SendFailures();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(fastProducer(settings, "bench-subs"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String address = address(i);
                Watchers watchers = Watchers.newBuilder().setChain("devnet").setTarget(WatchTarget.ADDRESS).setValue(
                        address)
                        .setWatchers(List.of(Watcher.newBuilder().setChatId(1_000_000 + i % 50_000).setWatchId(i)
                                .build()))
                        .build();
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), Topics.addressKey("devnet", address),
                        Topics.SUBSCRIPTIONS.serializeValue(watchers)), failures);
            }
        }
        failures.throwIfAny();
    }

    /** Blocks whose transactions send to a watched address one time in twenty; returns how many do. */
    static long loadBlocks(KafkaSettings settings, int subscriptions, int blocks, int txPerBlock) {
        Random random = new Random(42);
        long hits = 0;
        SendFailures failures = new SendFailures();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(fastProducer(settings, "bench-blocks"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int b = 1; b <= blocks; b++) {
                List<ChainTransaction> txs = new ArrayList<>(txPerBlock);
                for (int t = 0; t < txPerBlock; t++) {
                    boolean watched = random.nextInt(20) == 0;
                    hits += watched ? 1 : 0;
                    String to = watched
                            ? address(random.nextInt(subscriptions))
                            : address(10_000_000L + random
                                    .nextInt(1_000_000));
                    txs.add(ChainTransaction.newBuilder().setHash(String.format("0x%064x", (long) b * 100_000 + t))
                            .setIndex(t).setFrom(address(20_000_000L + random.nextInt(1_000_000))).setTo(to).setValue(
                                    "1000000000000000")
                            .setNonce(t).build());
                }
                BlockEvent block = BlockEvent.newBuilder().setChain("devnet").setType(BlockEventType.APPLIED)
                        .setNumber(b).setHash(String.format("0x%064x", b))
                        .setParentHash(String.format("0x%064x", b - 1))
                        .setTimestamp(System.currentTimeMillis() / 1000).setTransactions(txs).build();
                producer.send(new ProducerRecord<>(Topics.BLOCKS.name(), "devnet", Topics.BLOCKS.serializeValue(
                        block)), failures);
            }
        }
        failures.throwIfAny();
        return hits;
    }

    static long recordCount(KafkaSettings settings, String topic) throws Exception {
        try (Admin admin = Admin.create(settings.common("bench-count"))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().forEach(p -> latest.put(
                    new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    /**
     * Blocks per second through a transactional consume → produce loop that does nothing else; with {@code decode},
     * each block is also decoded from Avro (and dropped), the least any matcher has to do with it. A transaction
     * spans a whole poll (up to 500 blocks) when {@code commitEveryMs} is 0, else it is committed as soon as it is
     * that old, as Kafka Streams does at its {@code commit.interval.ms} (the matcher's commit interval).
     */
    static double rawPipe(KafkaSettings settings, int blocks, boolean decode, long commitEveryMs) throws Exception {
        String out = "bench.raw-out-" + UUID.randomUUID();
        try (Admin admin = Admin.create(settings.common("bench-admin"))) {
            admin.createTopics(List.of(new NewTopic(out, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String group = "bench-raw-" + UUID.randomUUID();
        Map<String, Object> producerProps = settings.producer("bench-raw");
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumer("bench-raw", group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(Topics.BLOCKS.name()));
            long seen = 0;
            long started = 0;
            long transactionStarted = 0;
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            while (seen < blocks) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                if (started == 0) {
                    started = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (offsets.isEmpty()) {
                        producer.beginTransaction();
                        transactionStarted = System.nanoTime();
                    }
                    if (decode && Topics.BLOCKS.deserializeValue(record.value()).getTransactions().isEmpty()) {
                        throw new IllegalStateException("a benchmark block without transactions");
                    }
                    producer.send(new ProducerRecord<>(out, record.key(), record.value()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record
                            .offset() + 1));
                    seen++;
                    if (commitEveryMs > 0 && System.nanoTime() - transactionStarted >= commitEveryMs * 1_000_000) {
                        commit(producer, consumer, offsets);
                    }
                }
                if (commitEveryMs == 0 || seen >= blocks) {
                    commit(producer, consumer, offsets);
                }
            }
            return blocks / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static void commit(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer,
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        offsets.clear();
    }

    /**
     * Transactions per second the matcher processes from its first block (subscriptions restored, task running)
     * until all of its alerts are readable by a read_committed consumer — at-least-once commits offsets only every
     * 30 s, so committed offsets would measure the commit interval instead.
     */
    static double matcher(KafkaSettings settings, String guarantee, int blocks, int txPerBlock, long expectedAlerts)
            throws Exception {
        String applicationId = "bench-matcher-" + guarantee.replace('_', '-') + "-" + UUID.randomUUID();
        Path state = Files.createTempDirectory("bench-matcher");
        Map<String, String> env = new HashMap<>(Map.of(EnvNames.KAFKA_BOOTSTRAP_SERVERS, settings.bootstrapServers(),
                EnvNames.CHAINS, "devnet", "CHAINWATCH_CONFIRMATIONS_DEVNET", "0", "MATCHER_APPLICATION_ID",
                applicationId, "MATCHER_STATE_DIR", state.toString(), "MATCHER_PROCESSING_GUARANTEE", guarantee,
                "MATCHER_ROCKSDB_MEMORY_MB", System.getProperty("rocksDbMemoryMb", "128"), "MATCHER_PROGRESS_DEPTHS",
                "none"));
        env.put(MatcherSettings.COMMIT_INTERVAL, STREAMS_EOS_COMMIT_MS + "ms");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaConsumer<byte[], byte[]> alerts = new KafkaConsumer<>(settings.consumer("bench-alerts",
                "unused"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
                MatcherService service = new MatcherService(MatcherSettings.from(RuntimeEnv.of(env)), registry)) {
            List<TopicPartition> partitions = alerts.partitionsFor(Topics.ALERTS.name()).stream().map(
                    p -> new TopicPartition(p.topic(), p.partition())).toList();
            alerts.assign(partitions);
            alerts.seekToEnd(partitions);
            partitions.forEach(alerts::position); // pin the start before the matcher writes anything
            long restoring = System.nanoTime();
            service.start();
            // like the raw pipe's clock, which starts when its first records arrive: once the subscriptions are
            // restored and both stages run — each stream thread has processed its first record (the matching stage
            // starts at once, the stateful one only once its 24 RocksDB stores are open), or 30 s after the first.
            // The blocks the matching stage took before that are not counted; the stateful stage's work on them is.
            long firstProcessed = 0;
            while (threadsProcessing(registry) < MatcherSettings.DEFAULT_STREAM_THREADS) {
                if (firstProcessed == 0 && threadsProcessing(registry) > 0) {
                    firstProcessed = System.nanoTime();
                } else if (firstProcessed != 0 && System.nanoTime() - firstProcessed > 30_000_000_000L) {
                    System.out.println("  only one stream thread has processed records after 30 s; measuring anyway");
                    break;
                }
                Thread.sleep(1);
            }
            long started = System.nanoTime();
            long blocksBefore = (long) mostProcessedByOneThread(registry);
            boolean measurable = blocksBefore <= blocks / 2;
            if (!measurable) {
                System.out.printf("  not measured: the matching stage had matched %,d of the %,d blocks before the"
                        + " stateful stage ran (left out of the median)%n", blocksBefore, blocks);
            }
            long transactions = (blocks - blocksBefore) * (long) txPerBlock;
            long cpuBefore = streamThreadCpuNanos(applicationId);
            long processCpuBefore = processCpuNanos();
            long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long seen = 0;
            long firstAlert = 0;
            while (seen < expectedAlerts) {
                seen += alerts.poll(Duration.ofMillis(20)).count();
                if (firstAlert == 0 && seen > 0) {
                    firstAlert = System.nanoTime();
                }
            }
            long elapsed = System.nanoTime() - started;
            long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
            System.out.printf("  %s: both stages running %.1f s after start (subscriptions restored; the stateful stage"
                    + " %.2f s after the matching one); %.2f s"
                    + " measured (%,d blocks matched before, not counted; first alert after %.2f s, until %s), the stream threads on CPU %.0f %% of it, the process %.0f %% (of one"
                    + " core), JIT compilers %,d ms; tasks per thread %s%n",
                    guarantee, (started - restoring) / 1e9, firstProcessed == 0 ? 0 : (started - firstProcessed) / 1e9,
                    elapsed / 1e9, blocksBefore, (firstAlert - started) / 1e9,
                    LocalTime.now(), 100.0
                            * (streamThreadCpuNanos(applicationId) - cpuBefore) / elapsed,
                    100.0 * (processCpuNanos()
                            - processCpuBefore) / elapsed,
                    jitMillis, service.activeTasksByThread().values());
            return measurable ? transactions / (elapsed / 1e9) : Double.NaN;
        } finally {
            ServiceJvms.deleteQuietly(state); // about 100 MB a run
        }
    }

    /** The most records one stream thread has processed so far: the matching stage's blocks, ahead of the other. */
    private static double mostProcessedByOneThread(SimpleMeterRegistry registry) {
        return registry.find("kafka.stream.thread.process.total").meters().stream().mapToDouble(meter -> meter
                .measure().iterator().next().getValue()).filter(Double::isFinite).max().orElse(0);
    }

    /** How many of the matcher's stream threads have processed a record so far, from Kafka Streams' metrics. */
    private static long threadsProcessing(SimpleMeterRegistry registry) {
        return registry.find("kafka.stream.thread.process.total").meters().stream().mapToDouble(meter -> meter
                .measure().iterator().next().getValue()).filter(total -> Double.isFinite(total) && total > 0).count();
    }

    /** CPU time used so far by this whole process: the broker, the matcher and the benchmark's consumer. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time used so far by the matcher's stream threads (not their producers' network threads). */
    private static long streamThreadCpuNanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith(applicationId) && name.matches(".*-StreamThread-\\d+$")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
            }
        }
        return total;
    }

    /** Remembers the first failed send of a fire-and-forget load, so that a lost record fails the run. */
    private static final class SendFailures implements org.apache.kafka.clients.producer.Callback {
        private final java.util.concurrent.atomic.AtomicReference<Exception> first = new java.util.concurrent.atomic.AtomicReference<>();

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                first.compareAndSet(null, exception);
            }
        }

        void throwIfAny() {
            if (first.get() != null) {
                throw new IllegalStateException("the benchmark's load lost a record", first.get());
            }
        }
    }
}
