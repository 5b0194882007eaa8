package io.chainwatch.matcher;

import static io.chainwatch.matcher.Fixtures.ALICE;
import static io.chainwatch.matcher.Fixtures.BOB;
import static io.chainwatch.matcher.Fixtures.CAROL;
import static io.chainwatch.matcher.Fixtures.applied;
import static io.chainwatch.matcher.Fixtures.blockHash;
import static io.chainwatch.matcher.Fixtures.reverted;
import static io.chainwatch.matcher.Fixtures.tx;
import static io.chainwatch.matcher.Fixtures.txHash;
import static io.chainwatch.matcher.Fixtures.watcher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.Watchers;
import io.chainwatch.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The matcher on a real in-process Kafka broker, exactly-once: blocks in, alerts out, read with
 * {@code read_committed}; restarts and a second instance neither lose nor duplicate an alert.
 */
class MatcherServiceIT {

    private static final String CHAIN = "ethereum";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private TestBroker broker;
    private KafkaSettings kafka;
    private KafkaProducer<String, BlockEvent> blocks;
    private final List<MatcherService> services = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        broker = TestBroker.start();
        kafka = new KafkaSettings(broker.bootstrapServers());
        TopicProvisioner.ensureAll(kafka);
        blocks = new KafkaProducer<>(new HashMap<>(kafka.producer("it-blocks")), Topics.BLOCKS.keySerde()
                .serializer(), Topics.BLOCKS.valueSerde().serializer());
    }

    @AfterEach
    void stopAll() {
        services.forEach(MatcherService::close);
        blocks.close();
        broker.close();
    }

    @Test
    void shouldPublishCommittedAlertsWhenBlocksArrive() throws Exception {
        subscribe(BOB, watcher(1), watcher(2).confirmations(0));
        MatcherService matcher = startMatcher("state-a");

        send(applied(CHAIN, 100).timestamp(now()).with(tx("7").from(ALICE).to(BOB).value("1000")).build());
        send(applied(CHAIN, 101).timestamp(now()).build());

        List<Alert> alerts = awaitAlerts(2);
        assertThat(alerts).extracting(Alert::getChatId, Alert::getConfirmations).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2L, 1), org.assertj.core.groups.Tuple.tuple(1L, 2));
        assertThat(matcher.isHealthy()).isTrue();
    }

    @Test
    void shouldAlertEveryChatOnceWhenTenThousandChatsWatchOneAddressAndRetractEveryAlertOnARevert()
            throws Exception {
        int chats = 10_000;
        String longestLabel = "\uD83D\uDC0B".repeat(64); // 64 whales: the longest label, 256 bytes of UTF-8
        subscribe(BOB, java.util.stream.IntStream.rangeClosed(1, chats).mapToObj(chat -> watcher(chat).confirmations(0)
                .label(longestLabel)).toArray(Fixtures.WatcherBuilder[]::new));
        startMatcher("state-crowd");

        send(applied(CHAIN, 100).timestamp(now()).with(tx("7").from(ALICE).to(BOB).value("1000")).build());

        List<Alert> alerts = awaitAlerts(chats);
        assertThat(alerts).extracting(Alert::getChatId).doesNotHaveDuplicates().hasSize(chats);
        assertThat(alerts).allSatisfy(alert -> assertThat(alert.getLabel()).isEqualTo(longestLabel));

        // the block's 10,000 sent alerts are kept in records of SentAlerts.MAX_ALERTS, each within the changelog's
        // message size: a revert reads them all back
        send(reverted(CHAIN, 100, "a"));

        List<Alert> retracted = awaitAlerts(2 * chats).stream().filter(alert -> alert.getPhase() == AlertPhase.ORPHANED)
                .toList();
        assertThat(retracted).extracting(Alert::getChatId).doesNotHaveDuplicates().hasSize(chats);
    }

    @Test
    void shouldNeitherLoseNorDuplicateAlertsWhenMatcherIsReplacedMidStream() throws Exception {
        int blocksWithTx = 60;
        subscribe(BOB, watcher(1));
        MatcherService first = startMatcher("state-first");

        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            for (int n = 1; n <= blocksWithTx + 1; n++) {
                BlockEvent block = n <= blocksWithTx
                        ? applied(CHAIN, n).timestamp(now()).with(tx(Integer.toHexString(n)).from(ALICE).to(BOB)
                                .value("1")).build()
                        : applied(CHAIN, n).timestamp(now()).build();
                send(block);
                pause(Duration.ofMillis(40));
            }
        });
        await().atMost(TIMEOUT).until(() -> readAlerts().size() >= 10);
        first.close();
        // a new instance on a fresh disk: its state comes back from the changelogs
        startMatcher("state-second");
        producing.get();

        await().atMost(TIMEOUT).until(() -> readAlerts().size() >= blocksWithTx);
        pause(Duration.ofSeconds(2)); // give a duplicate, if there were one, the time to be committed
        List<Alert> alerts = readAlerts();
        assertThat(alerts).extracting(Alert::getId).doesNotHaveDuplicates().hasSize(blocksWithTx);
        assertThat(alerts).extracting(Alert::getBlockNumber).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, blocksWithTx).boxed().toList());
    }

    /**
     * A restart on the same disk restores the global store from its local RocksDB and checkpoint, without passing the
     * kept subscriptions through the updater: the subscription filter must still know them (it is built from the
     * store), and know what was added while the matcher was down (replayed through the updater).
     */
    @Test
    void shouldMatchSubscriptionsKeptOnDiskAndThoseAddedWhileStoppedAfterARestart() throws Exception {
        subscribe(BOB, watcher(1).confirmations(0));
        MatcherService first = startMatcher("state-kept");
        send(applied(CHAIN, 100).timestamp(now()).with(tx("1").from(ALICE).to(BOB).value("1")).build());
        awaitAlerts(1);
        first.close();

        subscribe(CAROL, watcher(2).confirmations(0));
        startMatcher("state-kept");
        send(applied(CHAIN, 101).timestamp(now()).with(tx("2").from(ALICE).to(BOB).value("1"), tx("3").from(ALICE)
                .to(CAROL).value("1")).build());

        List<Alert> alerts = awaitAlerts(3);
        assertThat(alerts).extracting(Alert::getChatId, Alert::getBlockNumber).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(1L, 100L), org.assertj.core.groups.Tuple.tuple(1L, 101L),
                org.assertj.core.groups.Tuple.tuple(2L, 101L));
    }

    @Test
    void shouldNotAnnounceAgainWhenBlocksAreReplayedOnTheDiskThatRemembersThem() throws Exception {
        subscribe(BOB, watcher(1).confirmations(0));
        MatcherService first = startMatcher("state-replayed");
        send(applied(CHAIN, 100).timestamp(now()).with(tx("1").from(ALICE).to(BOB).value("1")).build());
        awaitAlerts(1);
        first.close();
        rewindBlocks(); // an operator replaying chainwatch.blocks from its start

        // the dedup store comes back from the local disk, which bypasses the processor: its filter is built from it
        startMatcher("state-replayed");
        send(applied(CHAIN, 101).timestamp(now()).with(tx("2").from(ALICE).to(BOB).value("1")).build());

        awaitAlerts(2);
        pause(Duration.ofSeconds(2)); // give a duplicate, if there were one, the time to be committed
        assertThat(readAlerts()).extracting(Alert::getBlockNumber).containsExactly(100L, 101L);
    }

    /**
     * Issue #16 on a real broker: the dedup state a release before the change left — one id per movement — comes back
     * from the changelog onto a fresh disk, and a replay of the block announces to the chat that heard of it nothing,
     * while a chat that did not hear of it gets the one alert of the transaction.
     */
    @Test
    void shouldAnnounceNothingTwiceWhenBlocksAnnouncedBeforeTheUpgradeAreReplayed() throws Exception {
        subscribe(BOB, watcher(1).confirmations(0));
        subscribe(CAROL, watcher(2).confirmations(0));
        MatcherService before = startMatcher("state-before");
        send(applied(CHAIN, 99).timestamp(now()).build());
        before.close();
        String legacy = CHAIN + ":" + txHash("7") + ":1:";
        long now = System.currentTimeMillis();
        writeDedupChangelog(Map.of(legacy + "NATIVE_OUT", new DedupEntry(DedupEntry.State.SENT, 0, 100, blockHash(100,
                "a"), 0, now), legacy + "TOKEN_IN#4", new DedupEntry(DedupEntry.State.SENT, 0, 100,
                        blockHash(100,
                                "a"),
                        0, now)));

        startMatcher("state-after-upgrade"); // a fresh disk: the dedup store is restored from its changelog
        send(applied(CHAIN, 100).timestamp(now()).with(tx("7").from(BOB).to(CAROL).value("1").erc20(4, CAROL, BOB,
                "5")).build());

        awaitAlerts(1);
        pause(Duration.ofSeconds(3)); // give a duplicate, if there were one, the time to be committed
        assertThat(readAlerts()).extracting(a -> a.getChatId() + " " + a.getKind()).containsExactly(
                "2 TRANSACTION");
    }

    /** Writes {@code entries} to the dedup store's changelog, in the partition of the task that owns the chain. */
    private void writeDedupChangelog(Map<String, DedupEntry> entries) throws Exception {
        String changelog = MatcherSettings.DEFAULT_APPLICATION_ID + "-" + MatcherTopology.DEDUP_STORE + "-changelog";
        try (Admin admin = Admin.create(kafka.common("it-changelog"));
                KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<>(kafka.producer(
                        "it-changelog")), new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.StringSerializer())) {
            int partitions = admin.describeTopics(List.of(changelog)).allTopicNames().get().get(changelog)
                    .partitions().size();
            int partition = MatcherTopology.stageAfter(changelog, CHAIN, null, partitions).orElseThrow().iterator()
                    .next();
            for (Map.Entry<String, DedupEntry> entry : entries.entrySet()) {
                producer.send(new ProducerRecord<>(changelog, partition, entry.getKey(), entry.getValue().encode()))
                        .get();
            }
        }
    }

    @Test
    void shouldShareTasksAndAlertOnceWhenTwoInstancesRun() throws Exception {
        subscribe(BOB, watcher(1));
        MatcherService one = startMatcher("state-one");
        MatcherService two = startMatcher("state-two");
        await().atMost(TIMEOUT).until(() -> one.isHealthy() && two.isHealthy());

        List<String> chains = List.of("ethereum", "bsc", "polygon", "base", "arbitrum", "optimism");
        for (String chain : chains) {
            subscribe(chain, BOB, watcher(1).confirmations(0));
        }
        // each instance's global store reads the subscriptions on its own thread: match once both hold them all
        await().atMost(TIMEOUT).until(() -> chains.stream().map(chain -> Topics.addressKey(chain, BOB)).allMatch(
                key -> one.subscription(key).isPresent() && two.subscription(key).isPresent()));
        assertThat(one.subscription(Topics.addressKey("ethereum", ALICE))).isEmpty();
        int n = 0;
        for (String chain : chains) {
            send(applied(chain, 100).timestamp(now()).with(tx(Integer.toHexString(++n)).from(ALICE).to(BOB).value(
                    "1")).build());
        }

        await().atMost(TIMEOUT).until(() -> readAlerts().size() >= chains.size());
        pause(Duration.ofSeconds(1));
        assertThat(readAlerts()).extracting(Alert::getChain).containsExactlyInAnyOrderElementsOf(chains);
        assertThat(one.health().streamThreads()).isEqualTo(MatcherSettings.DEFAULT_STREAM_THREADS);
        assertThat(two.health().streamThreads()).isEqualTo(MatcherSettings.DEFAULT_STREAM_THREADS);
    }

    @Test
    void shouldRunAChainsMatchingAndItsStatefulStageOnDifferentStreamThreads() throws Exception {
        MatcherService matcher = startMatcher("state-threads");
        int partitions = Topics.BLOCKS.settings().partitions();

        await().atMost(TIMEOUT).until(() -> matcher.activeTasksByThread().values().stream().mapToInt(List::size)
                .sum() == 2 * partitions);

        try (Admin admin = Admin.create(kafka.common("it-topics"))) {
            assertThat(admin.listTopics().names().get()).contains(MatcherTopology.matchedBlocksTopic(
                    MatcherSettings.DEFAULT_APPLICATION_ID));
        }
        Map<String, List<String>> tasks = matcher.activeTasksByThread();
        assertThat(tasks).hasSize(MatcherSettings.DEFAULT_STREAM_THREADS);
        for (int p = 0; p < partitions; p++) {
            String matching = "1_" + p; // sub-topology 0 is the global store's
            String stateful = "2_" + (p + 1) % partitions; // where MatcherTopology.stageAfter puts the chain
            assertThat(tasks.values()).as("tasks per thread: %s", tasks).noneMatch(thread -> thread.contains(matching)
                    && thread.contains(stateful));
        }
    }

    private MatcherService startMatcher(String stateDir) {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "CHAINWATCH_CHAINS", "ethereum,bsc,polygon,base,arbitrum,optimism",
                "CHAINWATCH_CONFIRMATIONS_ETHEREUM", "2",
                "MATCHER_STATE_DIR", tmp.resolve(stateDir).toString(),
                "MATCHER_CLOSE_TIMEOUT", "20s");
        MatcherService service = new MatcherService(MatcherSettings.from(RuntimeEnv.of(env)),
                new SimpleMeterRegistry());
        services.add(service);
        service.start();
        await().atMost(TIMEOUT).until(service::isHealthy);
        return service;
    }

    /** Moves the (stopped) matcher's committed offsets on the blocks topic back to its start. */
    private void rewindBlocks() throws Exception {
        try (Admin admin = Admin.create(kafka.common("it-rewind"))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.describeTopics(List.of(Topics.BLOCKS.name())).allTopicNames().get().get(Topics.BLOCKS.name())
                    .partitions().forEach(p -> start.put(new TopicPartition(Topics.BLOCKS.name(), p.partition()),
                            new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(MatcherSettings.DEFAULT_APPLICATION_ID, start).all().get();
        }
    }

    private void subscribe(String address, Fixtures.WatcherBuilder... watchers) throws Exception {
        subscribe(CHAIN, address, watchers);
    }

    private void subscribe(String chain, String address, Fixtures.WatcherBuilder... watchers) throws Exception {
        try (KafkaProducer<String, Watchers> producer = new KafkaProducer<>(new HashMap<>(kafka.producer(
                "it-subscriptions")), Topics.SUBSCRIPTIONS.keySerde().serializer(), Topics.SUBSCRIPTIONS.valueSerde()
                        .serializer())) {
            producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), Topics.addressKey(chain, address),
                    Fixtures.watchersOf(chain, address, watchers))).get();
        }
    }

    private void send(BlockEvent block) {
        try {
            blocks.send(new ProducerRecord<>(Topics.BLOCKS.name(), block.getChain(), block)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send block " + block.getNumber(), e);
        }
    }

    /** Every committed alert, from the beginning. */
    private List<Alert> readAlerts() {
        Map<String, Object> props = kafka.consumer("it-alerts-reader", "it-alerts-reader-" + System.nanoTime());
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(props, Topics.ALERTS.keySerde()
                .deserializer(), Topics.ALERTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream().map(
                    p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Alert> alerts = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.key()).isEqualTo(String.valueOf(record.value().getChatId()));
                    alerts.add(record.value());
                }
            }
            return alerts;
        }
    }

    private List<Alert> awaitAlerts(int count) {
        await().atMost(TIMEOUT).until(() -> readAlerts().size() >= count);
        return readAlerts();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** Lets time pass for the system under test; never used to wait for a result (Awaitility does that). */
    private static void pause(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }
}
