package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.Topics;

class SentAlertsTest {

    private static final String DEVNET = "devnet";

    private final KeyValueStore<String, byte[]> store = TestStores.bytes("sent");
    private final SentAlerts sent = new SentAlerts(store);

    // ---------------------------------------------------------------- the store

    @Test
    void shouldWriteNothingUntilSavedAndThenOneRecordPerBlockOfTheEvent() {
        Alert first = TestStores.alert(DEVNET, 1, 100, "0xa", 0);
        Alert second = TestStores.alert(DEVNET, 2, 100, "0xa", 0);
        Alert other = TestStores.alert(DEVNET, 1, 99, "0xc", 3);
        add(first);
        add(second);
        add(other);
        assertThat(sent.hasUnsaved()).isTrue();
        assertThat(store.approximateNumEntries()).isZero();

        sent.save(7);

        assertThat(sent.hasUnsaved()).isFalse();
        var records = TestStores.contentOf(store);
        assertThat(records).containsOnlyKeys(StoreKeys.sentRecord(StoreKeys.sentOfBlock(DEVNET, 99, "0xc"), 7, 0),
                StoreKeys.sentRecord(StoreKeys.sentOfBlock(DEVNET, 100, "0xa"), 7, 0));
        assertThat(SentAlerts.decode(records.get(StoreKeys.sentRecord(StoreKeys.sentOfBlock(DEVNET, 100, "0xa"), 7,
                0)))).containsExactly(first, second);
    }

    @Test
    void shouldTakeOutTheAlertsOfTheRevertedBlockOnly() {
        Alert ofA = TestStores.alert(DEVNET, 1, 100, "0xa", 0);
        Alert ofB = TestStores.alert(DEVNET, 2, 100, "0xb", 0);
        add(ofA);
        add(ofB);
        sent.save(1);
        Alert heldBack = TestStores.alert(DEVNET, 3, 100, "0xa", 2); // released by a later event: a record of its own
        add(heldBack);
        sent.save(3);

        assertThat(sent.takeOfBlock(DEVNET, 100, "0xa")).containsExactly(ofA, heldBack);

        assertThat(TestStores.contentOf(store)).containsOnlyKeys(StoreKeys.sentRecord(StoreKeys.sentOfBlock(DEVNET,
                100, "0xb"), 1, 0));
        assertThat(sent.takeOfBlock(DEVNET, 100, "0xa")).isEmpty();
    }

    @Test
    void shouldFindTheAlertsAnnouncedAtZeroConfirmationsOfABlockNumberWhateverItsHash() {
        Alert zero = TestStores.alert(DEVNET, 1, 100, "0xa", 0);
        Alert one = TestStores.alert(DEVNET, 2, 100, "0xa", 1);
        Alert zeroOfTheOtherFork = TestStores.alert(DEVNET, 3, 100, "0xb", 0);
        add(zero);
        add(one);
        add(TestStores.alert(DEVNET, 4, 101, "0xa", 1));
        sent.save(1);
        assertThat(sent.announcedAtZeroConfirmations(DEVNET, 100)).containsExactly(zero); // scanned: unknown until now
        add(zeroOfTheOtherFork);
        sent.save(2);

        assertThat(sent.announcedAtZeroConfirmations(DEVNET, 100)).containsExactly(zero, zeroOfTheOtherFork);
        assertThat(sent.announcedAtZeroConfirmations(DEVNET, 101)).isEmpty();
        assertThat(new SentAlerts(store).announcedAtZeroConfirmations(DEVNET, 100)).as("made anew: scanned again")
                .containsExactly(zero, zeroOfTheOtherFork);
    }

    @Test
    void shouldForgetBlocksEveryFewBlocksFromWhereTheLastSweepStopped() {
        for (long number = 1; number <= 40; number++) {
            add(TestStores.alert(DEVNET, 1, number, "0x" + number, 0));
        }
        add(TestStores.alert("devnet2", 1, 5, "0x5", 0));
        sent.save(1);
        assertThat(sent.announcedAtZeroConfirmations(DEVNET, 10)).hasSize(1);

        sent.forgetUpTo(DEVNET, 10); // unknown: swept from the chain's start
        assertThat(numbersOf(DEVNET)).startsWith(11L).hasSize(30);
        sent.forgetUpTo(DEVNET, 10 + SentAlerts.FORGET_EVERY_BLOCKS - 1);
        assertThat(numbersOf(DEVNET)).as("not due yet").startsWith(11L);
        sent.forgetUpTo(DEVNET, 10 + SentAlerts.FORGET_EVERY_BLOCKS);

        assertThat(numbersOf(DEVNET)).startsWith(11L + SentAlerts.FORGET_EVERY_BLOCKS);
        assertThat(numbersOf("devnet2")).containsExactly(5L);
        assertThat(sent.announcedAtZeroConfirmations(DEVNET, 10)).as("forgotten in memory too").isEmpty();
    }

    @Test
    void shouldNotKeepAnAlertOfABlockBelowTheForgottenHeight() {
        sent.forgetUpTo(DEVNET, 50);

        add(TestStores.alert(DEVNET, 1, 50, "0xa", 0));

        assertThat(sent.hasUnsaved()).isFalse();
        add(TestStores.alert(DEVNET, 1, 51, "0xa", 0));
        assertThat(sent.hasUnsaved()).isTrue();
    }

    private void add(Alert alert) {
        sent.add(alert, Topics.ALERTS.serializeValue(alert));
    }

    private List<Long> numbersOf(String chain) {
        return TestStores.contentOf(store).entrySet().stream().filter(record -> record.getKey().startsWith(StoreKeys
                .chainStart(chain))).flatMap(record -> SentAlerts.decode(record.getValue()).stream()).map(
                        Alert::getBlockNumber)
                .toList();
    }

    // ---------------------------------------------------------------- the record format

    @Test
    void shouldKeepABlocksAlertsInOrderInRecordsOfAtMostTheLimit() {
        List<Alert> alerts = IntStream.range(0, 2 * SentAlerts.MAX_ALERTS + 1).mapToObj(SentAlertsTest::alert)
                .toList();

        List<byte[]> records = SentAlerts.encode(alerts.stream().map(Topics.ALERTS::serializeValue).toList());

        assertThat(records).hasSize(3);
        assertThat(records.stream().map(SentAlerts::decode).map(List::size)).containsExactly(SentAlerts.MAX_ALERTS,
                SentAlerts.MAX_ALERTS, 1);
        assertThat(records.stream().flatMap(record -> SentAlerts.decode(record).stream())).containsExactlyElementsOf(
                alerts);
    }

    @Test
    void shouldWriteNoRecordForNoAlerts() {
        assertThat(SentAlerts.encode(List.of())).isEmpty();
    }

    @Test
    void shouldReadTheOneAlertRecordsOfEarlierVersions() {
        byte[] earlier = Topics.ALERTS.serializeValue(alert(7));

        assertThat(SentAlerts.decode(earlier)).containsExactly(alert(7));
    }

    @Test
    void shouldRefuseAnUnknownFormat() {
        assertThatThrownBy(() -> SentAlerts.decode(new byte[]{9, 0, 0, 0, 0})).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("format");
    }

    private static Alert alert(int chat) {
        return Alert.newBuilder().setId("devnet:0xabc:" + chat + ":NATIVE_IN").setChatId(chat).setWatchId(chat)
                .setChain("devnet").setKind(AlertKind.NATIVE_IN).setTxHash("0xabc").setBlockNumber(12).setBlockHash(
                        "0xb12")
                .setBlockTimestamp(1_700_000_000L).setConfirmations(1).setWatched("0x1111").setFrom(
                        "0x2222")
                .setTo("0x1111").setAmount("1").setFlags(List.of()).build();
    }
}
