package io.chainwatch.matcher;

import static io.chainwatch.matcher.Fixtures.ALICE;
import static io.chainwatch.matcher.Fixtures.BOB;
import static io.chainwatch.matcher.Fixtures.CAROL;
import static io.chainwatch.matcher.Fixtures.T0_SECONDS;
import static io.chainwatch.matcher.Fixtures.TOKEN;
import static io.chainwatch.matcher.Fixtures.address;
import static io.chainwatch.matcher.Fixtures.applied;
import static io.chainwatch.matcher.Fixtures.blockHash;
import static io.chainwatch.matcher.Fixtures.reverted;
import static io.chainwatch.matcher.Fixtures.tx;
import static io.chainwatch.matcher.Fixtures.txHash;
import static io.chainwatch.matcher.Fixtures.watcher;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.chainwatch.matcher.Fixtures.BlockBuilder;
import io.chainwatch.matcher.Fixtures.WatcherBuilder;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.TxStatus;
import io.chainwatch.schema.Watchers;

/**
 * The whole topology in a {@link TopologyTestDriver}: blocks and subscriptions in, alerts out, stores read back.
 * Chain {@code devnet} needs no confirmations, {@code ethereum} needs 3. The wall clock starts a few seconds after
 * the blocks' timestamps, so blocks are fresh unless a test says otherwise.
 */
class MatcherTopologyTest {

    private static final String DEVNET = "devnet";
    private static final String ETH = "ethereum";
    private static final Instant WALL_CLOCK_START = Instant.ofEpochSecond(T0_SECONDS + 100);
    private static final MatchingRules RULES = MatchingRules.defaults(Map.of(DEVNET, 0, ETH, 3));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, BlockEvent> blocks;
    private TestInputTopic<String, Watchers> subscriptions;
    private TestOutputTopic<String, Alert> alerts;

    /** Subscription changes the topology reported as applied to its global store. */
    private final AtomicInteger subscriptionsApplied = new AtomicInteger();

    private void start(MatchingRules rules) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "matcher-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(MatcherTopology.build(rules, subscriptionsApplied::incrementAndGet), props,
                WALL_CLOCK_START);
        blocks = driver.createInputTopic(Topics.BLOCKS.name(), Topics.BLOCKS.keySerde().serializer(), Topics.BLOCKS
                .valueSerde().serializer());
        subscriptions = driver.createInputTopic(Topics.SUBSCRIPTIONS.name(), Topics.SUBSCRIPTIONS.keySerde()
                .serializer(), Topics.SUBSCRIPTIONS.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS
                .valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void shouldTellEachSubscriptionChangeOnceItIsInTheStoreWhenWatchesComeAndGo() {
        start(RULES);
        watch(DEVNET, BOB, watcher(1));
        watch(DEVNET, ALICE, watcher(2));
        assertThat(subscriptionsApplied).hasValue(2);

        subscriptions.pipeInput(Topics.addressKey(DEVNET, BOB), null); // the last watcher of BOB went
        assertThat(subscriptionsApplied).hasValue(3);
        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1000")));
        assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("2"); // ALICE's watcher, not BOB's
    }

    // ---------------------------------------------------------------- confirmations

    @Test
    void shouldAlertAtOnceWhenChainNeedsNoConfirmations() {
        start(RULES);
        watch(DEVNET, BOB, watcher(1));

        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1000")));

        List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("1");
        Alert alert = out.get(0).value;
        assertThat(alert.getId()).isEqualTo("devnet:" + txHash("7") + ":1:TRANSACTION");
        assertThat(alert.getKind()).isEqualTo(AlertKind.TRANSACTION);
        assertThat(alert.getMovements()).extracting(m -> m.getKind() + " " + m.getAmount()).containsExactly(
                "NATIVE_IN 1000");
        assertThat(alert.getPhase()).isEqualTo(AlertPhase.CONFIRMED);
        assertThat(alert.getConfirmations()).isEqualTo(1);
        assertThat(alert.getLate()).isFalse();
        assertThat(store(MatcherTopology.PENDING_STORE)).isEmpty();
        assertThat(store(MatcherTopology.SENT_STORE)).hasSize(1);
    }

    @ParameterizedTest(name = "{0} confirmations: released by block {1}")
    @CsvSource({"0, 100", "1, 100", "2, 101", "3, 102", "6, 105"})
    void shouldReleaseAlertWhenBlockReachesRequiredDepth(int required, long releasingBlock) {
        start(RULES);
        watch(ETH, BOB, watcher(1).confirmations(required));

        apply(applied(ETH, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        for (long n = 101; n < releasingBlock; n++) {
            apply(applied(ETH, n));
        }
        if (releasingBlock > 100) {
            assertThat(alerts.isEmpty()).as("held before block %d", releasingBlock).isTrue();
            assertThat(store(MatcherTopology.PENDING_STORE)).hasSize(1);
            apply(applied(ETH, releasingBlock));
        }

        Alert alert = alerts.readValue();
        assertThat(alert.getConfirmations()).isEqualTo(Math.max(1, required));
        assertThat(alert.getRequiredConfirmations()).isEqualTo(required);
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(store(MatcherTopology.PENDING_STORE)).isEmpty();
    }

    @Test
    void shouldReleaseAShallowerAlertHeldAfterADeeperOneOnTime() {
        start(RULES);
        watch(ETH, BOB, watcher(1).confirmations(6));
        watch(ETH, CAROL, watcher(2).confirmations(2));

        apply(applied(ETH, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        apply(applied(ETH, 101).with(tx("8").from(ALICE).to(CAROL).value("1")));
        assertThat(alerts.isEmpty()).isTrue();
        apply(applied(ETH, 102));

        assertThat(alerts.readValuesToList()).extracting(Alert::getChatId).containsExactly(2L);
        for (long n = 103; n <= 105; n++) {
            apply(applied(ETH, n));
        }
        assertThat(alerts.readValuesToList()).extracting(Alert::getChatId, Alert::getConfirmations).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, 6));
        assertThat(store(MatcherTopology.PENDING_STORE)).isEmpty();
    }

    @Test
    void shouldUseChainDefaultWhenWatcherSetsNoConfirmations() {
        start(RULES);
        watch(ETH, BOB, watcher(1), watcher(2).confirmations(0));

        apply(applied(ETH, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        assertThat(alerts.readValuesToList()).extracting(Alert::getChatId).containsExactly(2L);
        apply(applied(ETH, 101));
        apply(applied(ETH, 102));

        assertThat(alerts.readValuesToList()).extracting(Alert::getChatId, Alert::getPhase, Alert::getConfirmations)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, AlertPhase.CONFIRMED, 3),
                        org.assertj.core.groups.Tuple.tuple(2L, AlertPhase.PROGRESS, 3));
    }

    @Test
    void shouldReleaseBackfilledAlertAtOnceWhenHeadIsAlreadyDeeper() {
        start(RULES);
        watch(ETH, BOB, watcher(1));
        for (long n = 100; n <= 110; n++) {
            apply(applied(ETH, n));
        }

        apply(applied(ETH, 95).backfill().with(tx("7").from(ALICE).to(BOB).value("1")));

        Alert alert = alerts.readValue();
        assertThat(alert.getConfirmations()).isEqualTo(16);
        assertThat(alert.getBackfill()).isTrue();
        assertThat(alert.getLate()).isTrue();
        assertThat(store(MatcherTopology.HEADS_STORE)).containsEntry(ETH, 110L);
    }

    // ---------------------------------------------------------------- confirmation progress of 0-conf alerts

    @Test
    void shouldFollowAZeroConfirmationAlertWithProgressAtEachDepth() {
        start(RULES.withProgressDepths(List.of(3, 6)));
        watch(ETH, BOB, watcher(1).confirmations(0), watcher(2).confirmations(1), watcher(3));

        apply(applied(ETH, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        assertThat(alerts.readValuesToList()).extracting(Alert::getChatId, Alert::getPhase).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, AlertPhase.CONFIRMED),
                org.assertj.core.groups.Tuple.tuple(2L, AlertPhase.CONFIRMED));
        apply(applied(ETH, 101));
        assertThat(alerts.isEmpty()).isTrue();
        apply(applied(ETH, 102));
        List<Alert> atThree = alerts.readValuesToList();
        assertThat(atThree).extracting(Alert::getChatId, Alert::getPhase, Alert::getConfirmations).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, AlertPhase.CONFIRMED, 3),
                org.assertj.core.groups.Tuple.tuple(1L, AlertPhase.PROGRESS, 3));
        assertThat(atThree.get(1).getId()).isEqualTo("ethereum:" + txHash("7") + ":1:TRANSACTION@PROGRESS3");
        for (long n = 103; n <= 110; n++) {
            apply(applied(ETH, n));
        }
        assertThat(alerts.readValuesToList()).extracting(Alert::getChatId, Alert::getPhase, Alert::getConfirmations,
                Alert::getBlockNumber).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, AlertPhase.PROGRESS, 6,
                                100L));
    }

    @Test
    void shouldNotRepeatProgressWhenBlocksAreReplayed() {
        start(RULES.withProgressDepths(List.of(2, 3)));
        watch(DEVNET, BOB, watcher(1));
        List<BlockEvent> chain = new ArrayList<>();
        chain.add(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")).build());
        chain.add(applied(DEVNET, 101).build());
        chain.add(applied(DEVNET, 102).build());
        chain.forEach(this::apply);
        assertThat(alerts.readValuesToList()).extracting(Alert::getPhase, Alert::getConfirmations).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertPhase.CONFIRMED, 1),
                org.assertj.core.groups.Tuple.tuple(AlertPhase.PROGRESS, 2),
                org.assertj.core.groups.Tuple.tuple(AlertPhase.PROGRESS, 3));

        chain.forEach(this::apply);

        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldStopProgressWhenTheBlockIsOrphanedAndRestartItForTheNewBlock() {
        start(RULES.withProgressDepths(List.of(2, 4)));
        watch(DEVNET, BOB, watcher(1));
        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        apply(applied(DEVNET, 101));
        assertThat(alerts.readValuesToList()).extracting(Alert::getPhase).containsExactly(AlertPhase.CONFIRMED,
                AlertPhase.PROGRESS);

        revert(DEVNET, 101, "a");
        revert(DEVNET, 100, "a");
        apply(applied(DEVNET, 100).fork("b"));
        apply(applied(DEVNET, 101).fork("b").with(tx("7").from(ALICE).to(BOB).value("1")));
        apply(applied(DEVNET, 102).fork("b"));
        apply(applied(DEVNET, 103).fork("b"));
        apply(applied(DEVNET, 104).fork("b"));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out)
                .extracting(Alert::getPhase, Alert::getGeneration, Alert::getConfirmations, Alert::getBlockNumber)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertPhase.ORPHANED, 0, 0, 100L),
                        org.assertj.core.groups.Tuple.tuple(AlertPhase.CONFIRMED, 1, 1, 101L),
                        org.assertj.core.groups.Tuple.tuple(AlertPhase.PROGRESS, 1, 2, 101L),
                        org.assertj.core.groups.Tuple.tuple(AlertPhase.PROGRESS, 1, 4, 101L));
        assertThat(out.get(3).getId()).isEqualTo("devnet:" + txHash("7") + ":1:TRANSACTION@PROGRESS4~g1");
    }

    @Test
    void shouldSendNoProgressForBackfilledBlocks() {
        start(RULES.withProgressDepths(List.of(2)));
        watch(DEVNET, BOB, watcher(1));
        apply(applied(DEVNET, 100).backfill().with(tx("7").from(ALICE).to(BOB).value("1")));
        apply(applied(DEVNET, 101).backfill());

        assertThat(alerts.readValuesToList()).extracting(Alert::getPhase).containsExactly(AlertPhase.CONFIRMED);
    }

    @Test
    void shouldCarryTheWatchQuietHoursOnItsAlerts() {
        start(RULES);
        watch(DEVNET, BOB, watcher(1).quietHours("22:00-07:00 Europe/Berlin"), watcher(2));

        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")));

        assertThat(alerts.readValuesToList()).extracting(Alert::getChatId, Alert::getQuietHours).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, "22:00-07:00 Europe/Berlin"),
                org.assertj.core.groups.Tuple.tuple(2L, null));
    }

    // ---------------------------------------------------------------- reorgs

    @Test
    void shouldDropHeldAlertWhenItsBlockIsReverted() {
        start(RULES);
        watch(ETH, BOB, watcher(1));

        apply(applied(ETH, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        revert(ETH, 100, "a");
        apply(applied(ETH, 100).fork("b"));
        apply(applied(ETH, 101).fork("b"));
        apply(applied(ETH, 102).fork("b"));

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(store(MatcherTopology.PENDING_STORE)).isEmpty();
        assertThat(store(MatcherTopology.DEDUP_STORE)).isEmpty();
    }

    @Test
    void shouldAnnounceOnceWhenHeldTransactionIsReincludedInAnotherBlock() {
        start(RULES);
        watch(ETH, BOB, watcher(1));

        apply(applied(ETH, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        revert(ETH, 100, "a");
        apply(applied(ETH, 100).fork("b"));
        apply(applied(ETH, 101).fork("b").with(tx("7").from(ALICE).to(BOB).value("1")));
        for (long n = 102; n <= 106; n++) {
            apply(applied(ETH, n).fork("b"));
        }

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getBlockNumber()).isEqualTo(101);
        assertThat(out.get(0).getBlockHash()).isEqualTo(blockHash(101, "b"));
        assertThat(out.get(0).getGeneration()).isZero();
        assertThat(out.get(0).getConfirmations()).isEqualTo(3);
    }

    @Test
    void shouldRetractAndReannounceWithNextGenerationWhenAnnouncedBlockIsOrphaned() {
        start(RULES);
        watch(DEVNET, BOB, watcher(1), watcher(2));

        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        assertThat(alerts.readValuesToList()).hasSize(2);

        revert(DEVNET, 100, "a");
        List<Alert> orphaned = alerts.readValuesToList();
        assertThat(orphaned).extracting(Alert::getChatId).containsExactly(1L, 2L);
        assertThat(orphaned).allSatisfy(a -> {
            assertThat(a.getPhase()).isEqualTo(AlertPhase.ORPHANED);
            assertThat(a.getId()).endsWith(":TRANSACTION@ORPHANED");
            assertThat(a.getBlockHash()).isEqualTo(blockHash(100, "a"));
        });
        assertThat(store(MatcherTopology.SENT_STORE)).isEmpty();

        apply(applied(DEVNET, 100).fork("b").with(tx("7").from(ALICE).to(BOB).value("1")));
        List<Alert> again = alerts.readValuesToList();
        assertThat(again).extracting(Alert::getGeneration).containsExactly(1, 1);
        assertThat(again).allSatisfy(a -> {
            assertThat(a.getId()).endsWith(":TRANSACTION~g1");
            assertThat(a.getPhase()).isEqualTo(AlertPhase.CONFIRMED);
            assertThat(a.getBlockHash()).isEqualTo(blockHash(100, "b"));
        });
    }

    @Test
    void shouldNotRetractWhenRevertedBlockHadNoAnnouncedAlerts() {
        start(RULES);
        watch(DEVNET, BOB, watcher(1));
        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        alerts.readValuesToList();

        revert(DEVNET, 100, "other-fork");

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(store(MatcherTopology.SENT_STORE)).hasSize(1);
    }

    @Test
    void shouldForgetSentAlertsWhenTheirBlockLeavesTheReorgWindow() {
        start(RULES.withReorgWindow(2));
        watch(DEVNET, BOB, watcher(1));

        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        apply(applied(DEVNET, 101));
        assertThat(store(MatcherTopology.SENT_STORE)).hasSize(1);
        // forgotten in a sweep every FORGET_EVERY_BLOCKS blocks, not at the first block past the window
        for (long n = 102; n <= 101 + SentAlerts.FORGET_EVERY_BLOCKS; n++) {
            apply(applied(DEVNET, n));
        }

        assertThat(store(MatcherTopology.SENT_STORE)).isEmpty();
        assertThat(store(MatcherTopology.DEDUP_STORE)).hasSize(1);
    }

    @Test
    void shouldKeepForgettingAsTheHeadMovesOnAndNotKeepABackfilledAlertFromBelowTheWindow() {
        start(RULES.withReorgWindow(2));
        watch(DEVNET, BOB, watcher(1));
        long head = 100;
        for (int stretch = 0; stretch < 3; stretch++) { // each sweep starts where the previous one stopped
            apply(applied(DEVNET, head).with(tx(Long.toHexString(head)).from(ALICE).to(BOB).value("1")));
            for (long end = head + SentAlerts.FORGET_EVERY_BLOCKS; head < end;) {
                apply(applied(DEVNET, ++head));
            }
            assertThat(store(MatcherTopology.SENT_STORE)).as("after stretch %d", stretch).isEmpty();
        }

        apply(applied(DEVNET, 105).backfill().with(tx("ba").from(ALICE).to(BOB).value("1")));

        assertThat(alerts.readValuesToList()).hasSize(4);
        assertThat(store(MatcherTopology.SENT_STORE)).isEmpty();
        assertThat(store(MatcherTopology.DEDUP_STORE)).hasSize(4);
    }

    // ---------------------------------------------------------------- dedup and replay

    @Test
    void shouldNotAnnounceAgainWhenBlocksAreReplayed() {
        start(RULES);
        watch(DEVNET, BOB, watcher(1));
        watch(ETH, BOB, watcher(1));
        List<BlockEvent> history = new ArrayList<>();
        history.add(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")).build());
        history.add(applied(ETH, 100).with(tx("8").from(ALICE).to(BOB).value("1")).build());
        history.add(reverted(DEVNET, 100, "a"));
        history.add(applied(DEVNET, 100).fork("b").with(tx("7").from(ALICE).to(BOB).value("1")).build());
        for (long n = 101; n <= 103; n++) {
            history.add(applied(ETH, n).build());
        }
        history.forEach(this::apply);
        assertThat(alerts.readValuesToList()).extracting(Alert::getId).containsExactly(
                "devnet:" + txHash("7") + ":1:TRANSACTION",
                "devnet:" + txHash("7") + ":1:TRANSACTION@ORPHANED",
                "devnet:" + txHash("7") + ":1:TRANSACTION~g1",
                "ethereum:" + txHash("8") + ":1:TRANSACTION");

        history.forEach(this::apply); // the same events again, as after an offset reset

        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void shouldForgetAnnouncedAlertsWhenDedupTtlExpires() {
        start(RULES);
        watch(DEVNET, BOB, watcher(1));
        BlockEvent block = applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")).build();
        apply(block);
        assertThat(alerts.readValuesToList()).hasSize(1);
        assertThat(store(MatcherTopology.DEDUP_STORE)).hasSize(1);

        driver.advanceWallClockTime(Duration.ofDays(6));
        assertThat(store(MatcherTopology.DEDUP_STORE)).as("remembered within the TTL").hasSize(1);
        driver.advanceWallClockTime(Duration.ofDays(1).plusMinutes(30));
        assertThat(store(MatcherTopology.DEDUP_STORE)).as("purged after the TTL").isEmpty();

        apply(block);
        assertThat(alerts.readValuesToList()).as("a replay older than the TTL is announced again").hasSize(1);
    }

    @Test
    void shouldKeepHeldAlertsWhenDedupTtlExpires() {
        start(RULES);
        watch(ETH, BOB, watcher(1));
        apply(applied(ETH, 100).with(tx("7").from(ALICE).to(BOB).value("1")));

        driver.advanceWallClockTime(Duration.ofDays(8));

        assertThat(store(MatcherTopology.DEDUP_STORE)).hasSize(1);
        assertThat(store(MatcherTopology.PENDING_STORE)).hasSize(1);
    }

    // ---------------------------------------------------------------- late alerts

    @ParameterizedTest(name = "block {0}s old, backfill={1}: late={2}")
    @CsvSource({"0, false, false", "599, false, false", "601, false, true", "3600, false, true", "0, true, true"})
    void shouldMarkAlertLateWhenBlockIsOldOrBackfilled(long ageSeconds, boolean backfill, boolean late) {
        start(RULES);
        watch(DEVNET, BOB, watcher(1));
        BlockBuilder block = applied(DEVNET, 100).timestamp(WALL_CLOCK_START.getEpochSecond() - ageSeconds).with(tx(
                "7").from(ALICE).to(BOB).value("1"));
        if (backfill) {
            block.backfill();
        }

        apply(block);

        assertThat(alerts.readValue().getLate()).isEqualTo(late);
    }

    @Test
    void shouldSuppressLateAlertsWhenConfiguredTo() {
        start(RULES.withSuppressLate(true));
        watch(DEVNET, BOB, watcher(1));

        apply(applied(DEVNET, 100).timestamp(WALL_CLOCK_START.getEpochSecond() - 3600).with(tx("7").from(ALICE).to(
                BOB).value("1")));
        apply(applied(DEVNET, 101).backfill().with(tx("8").from(ALICE).to(BOB).value("1")));
        apply(applied(DEVNET, 102).with(tx("9").from(ALICE).to(BOB).value("1")));

        assertThat(alerts.readValuesToList()).extracting(Alert::getTxHash).containsExactly(txHash("9"));
    }

    // ---------------------------------------------------------------- spam

    @Test
    void shouldFlagLookalikeCounterpartyWhenItImitatesARecentOne() {
        String real = "0xabcd" + "1".repeat(32) + "1234";
        String poisoner = "0xabcd" + "9".repeat(32) + "1234";
        start(RULES);
        watch(DEVNET, ALICE, watcher(1));

        apply(applied(DEVNET, 100).with(tx("1").from(ALICE).to(real).value("5")));
        apply(applied(DEVNET, 101).with(tx("2").from(CAROL).to(TOKEN).erc20(0, poisoner, ALICE, "0")));
        apply(applied(DEVNET, 102).with(tx("3").from(poisoner).to(ALICE).value("1")));
        apply(applied(DEVNET, 103).with(tx("4").from(ALICE).to(real).value("5")));

        assertThat(alerts.readValuesToList()).filteredOn(a -> a.getPhase() == AlertPhase.CONFIRMED)
                .extracting(a -> a.getTxHash().substring(65), Alert::getFlags)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", List.of()),
                        org.assertj.core.groups.Tuple.tuple("2", List.of(TransactionMatcher.ZERO_VALUE_TOKEN,
                                SpamSignals.LOOKALIKE_COUNTERPARTY)),
                        org.assertj.core.groups.Tuple.tuple("3", List.of(SpamSignals.LOOKALIKE_COUNTERPARTY)),
                        org.assertj.core.groups.Tuple.tuple("4", List.of()));
        assertThat(store(MatcherTopology.COUNTERPARTIES_STORE)).containsExactly(Map.entry(DEVNET + "|" + ALICE,
                real));
    }

    @Test
    void shouldHideFlaggedAlertsWhenWatchHidesSpam() {
        start(RULES);
        watch(DEVNET, ALICE, watcher(1).hideSpam(), watcher(2));

        apply(applied(DEVNET, 100).with(tx("1").from(CAROL).to(TOKEN).erc20(0, BOB, ALICE, "0")));
        apply(applied(DEVNET, 101).with(tx("2").from(BOB).to(ALICE).value("5")));

        assertThat(alerts.readValuesToList()).extracting(a -> a.getChatId() + " " + a.getTxHash().substring(65))
                .containsExactly("2 1", "1 2", "2 2");
    }

    // ---------------------------------------------------------------- subscriptions

    @Test
    void shouldStopAlertingWhenSubscriptionIsTombstoned() {
        start(RULES);
        watch(DEVNET, BOB, watcher(1));
        assertThat(store(MatcherTopology.SUBSCRIPTIONS_STORE)).containsOnlyKeys(Topics.addressKey(DEVNET, BOB));

        subscriptions.pipeInput(Topics.addressKey(DEVNET, BOB), null);
        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")));

        assertThat(store(MatcherTopology.SUBSCRIPTIONS_STORE)).isEmpty();
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldAnnounceTrackedTransactionWithItsStatusWhenMined() {
        start(RULES);
        subscriptions.pipeInput(Topics.txKey(DEVNET, txHash("7")), Fixtures.trackersOf(DEVNET, txHash("7"), watcher(
                3)));

        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(CAROL).value("1").failed()));

        Alert alert = alerts.readValue();
        assertThat(alert.getKind()).isEqualTo(AlertKind.TX_MINED);
        assertThat(alert.getWatched()).isEqualTo(txHash("7"));
        assertThat(alert.getTxStatus()).isEqualTo(TxStatus.FAILED);
    }

    @Test
    void shouldMatchEveryAddressATransactionTouchesWhenSeveralAreWatched() {
        start(RULES);
        String router = address("4007e2");
        watch(DEVNET, ALICE, watcher(1));
        watch(DEVNET, BOB, watcher(2));
        watch(DEVNET, CAROL, watcher(3));

        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(router).value("10").erc20(0, router, BOB, "5")
                .internal(0, router, CAROL, "3")));

        assertThat(alerts.readValuesToList()).extracting(a -> a.getChatId() + " " + a.getMovements().get(0).getKind())
                .containsExactly("1 NATIVE_OUT", "2 TOKEN_IN", "3 INTERNAL_IN");
    }

    // ---------------------------------------------------------------- issue #16: one alert per transaction

    @Test
    void shouldFlagAnApprovalToALookAlikeOfARecentCounterparty() {
        start(RULES);
        watch(DEVNET, ALICE, watcher(1));
        String exchange = "0x28c6c06298d514db089934071355e5743bf21d60";
        String lookalike = "0x28c6000000000000000000000000000000021d60";
        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(exchange).value("1")));
        alerts.readValuesToList();

        apply(applied(DEVNET, 101).with(tx("8").from(ALICE).to(TOKEN).approve(0, ALICE, lookalike, "1000")));

        Alert alert = alerts.readValue();
        assertThat(alert.getApprovals()).hasSize(1);
        assertThat(alert.getFlags()).containsExactly(TransactionSpam.LOOKALIKE_SPENDER);
    }

    @Test
    void shouldHideOnlyTheSpamOfATransactionFromAWatchThatHidesSpam() {
        start(RULES);
        watch(DEVNET, ALICE, watcher(1).hideSpam());

        apply(applied(DEVNET, 100).with(tx("7").from(CAROL).to(TOKEN).erc20(0, CAROL, ALICE, "0").erc20(1, CAROL,
                ALICE, "5")));
        apply(applied(DEVNET, 101).with(tx("8").from(CAROL).to(TOKEN).erc20(0, CAROL, ALICE, "0")));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getMovements()).extracting(m -> m.getAmount()).containsExactly("5");
        assertThat(out.get(0).getFlags()).isEmpty();
    }

    // ---------------------------------------------------------------- the two stages

    @Test
    void shouldMatchInAStatelessSubTopologyAndKeepEveryStoreInTheOther() {
        TopologyDescription description = MatcherTopology.build(RULES).describe();

        List<TopologyDescription.Subtopology> stages = description.subtopologies().stream().sorted(
                java.util.Comparator.comparingInt(TopologyDescription.Subtopology::id)).toList();
        assertThat(stages).hasSize(2);
        assertThat(processors(stages.get(0))).containsKey(MatcherTopology.MATCH_PROCESSOR).allSatisfy((name,
                stores) -> assertThat(stores).isEmpty());
        assertThat(processors(stages.get(1))).containsKey(MatcherTopology.ADMIT_PROCESSOR);
        assertThat(processors(stages.get(1)).get(MatcherTopology.ADMIT_PROCESSOR)).containsExactlyInAnyOrder(
                MatcherTopology.PENDING_STORE, MatcherTopology.SENT_STORE, MatcherTopology.DEDUP_STORE,
                MatcherTopology.COUNTERPARTIES_STORE, MatcherTopology.HEADS_STORE);
        assertThat(description.globalStores()).singleElement().satisfies(global -> assertThat(global.processor()
                .stores()).containsExactly(MatcherTopology.SUBSCRIPTIONS_STORE));
    }

    @ParameterizedTest
    @CsvSource({"ethereum, 6", "bsc, 6", "polygon, 6", "base, 12", "devnet, 1"})
    void shouldPlaceAChainsMatchedBlocksOnePartitionAfterItsBlocks(String chain, int partitions) {
        int blocksPartition = BuiltInPartitioner.partitionForKey(chain.getBytes(StandardCharsets.UTF_8), partitions);

        assertThat(MatcherTopology.stageAfter("matcher-matched-blocks-repartition", chain, null, partitions))
                .contains(java.util.Set.of((blocksPartition + 1) % partitions));
    }

    @Test
    void shouldAlertEveryWatcherOnceAndRetractEveryAlertWhenABlocksMatchesTakeSeveralRecords() {
        start(RULES);
        int chats = 2 * MatchingStage.MATCHES_PER_RECORD + 500; // three records of the internal topic
        watch(DEVNET, BOB, java.util.stream.IntStream.rangeClosed(1, chats).mapToObj(Fixtures::watcher).toArray(
                WatcherBuilder[]::new));

        apply(applied(DEVNET, 100).with(tx("7").from(ALICE).to(BOB).value("1")));
        List<Alert> announced = alerts.readValuesToList();
        revert(DEVNET, 100, "a");
        List<Alert> retracted = alerts.readValuesToList();

        assertThat(announced).extracting(Alert::getChatId).doesNotHaveDuplicates().hasSize(chats);
        assertThat(retracted).extracting(Alert::getChatId).doesNotHaveDuplicates().hasSize(chats);
        assertThat(retracted).extracting(Alert::getPhase).containsOnly(AlertPhase.ORPHANED);
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, java.util.Set<String>> processors(TopologyDescription.Subtopology stage) {
        Map<String, java.util.Set<String>> stores = new java.util.TreeMap<>();
        stage.nodes().stream().filter(TopologyDescription.Processor.class::isInstance).map(
                TopologyDescription.Processor.class::cast).forEach(node -> stores.put(node.name(), node.stores()));
        return stores;
    }

    private void watch(String chain, String address, WatcherBuilder... watchers) {
        subscriptions.pipeInput(Topics.addressKey(chain, address), Fixtures.watchersOf(chain, address, watchers));
    }

    private void apply(BlockBuilder block) {
        apply(block.build());
    }

    private void apply(BlockEvent block) {
        blocks.pipeInput(block.getChain(), block, Instant.ofEpochSecond(block.getTimestamp()));
    }

    private void revert(String chain, long number, String fork) {
        apply(reverted(chain, number, fork));
    }

    private <V> Map<String, V> store(String name) {
        KeyValueStore<String, V> store = driver.getKeyValueStore(name);
        Map<String, V> content = new java.util.LinkedHashMap<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(kv -> content.put(kv.key, kv.value));
        }
        return content;
    }
}
