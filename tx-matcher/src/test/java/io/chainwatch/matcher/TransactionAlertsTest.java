package io.chainwatch.matcher;

import static io.chainwatch.matcher.Fixtures.ALICE;
import static io.chainwatch.matcher.Fixtures.BOB;
import static io.chainwatch.matcher.Fixtures.CAROL;
import static io.chainwatch.matcher.Fixtures.TOKEN;
import static io.chainwatch.matcher.Fixtures.address;
import static io.chainwatch.matcher.Fixtures.applied;
import static io.chainwatch.matcher.Fixtures.tx;
import static io.chainwatch.matcher.Fixtures.txHash;
import static io.chainwatch.matcher.Fixtures.watcher;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;

/** Issue #16: one alert per transaction and chat, its movements netted per asset, its approvals included. */
class TransactionAlertsTest {

    private static final String CHAIN = "ethereum";
    private static final String ROUTER = address("4007e2");
    private static final String POOL = address("9001");

    private final Map<String, Watchers> subscriptions = new HashMap<>();

    private void watch(String address, Fixtures.WatcherBuilder... watchers) {
        subscriptions.put(Topics.addressKey(CHAIN, address), Watchers.newBuilder().setChain(CHAIN).setTarget(
                io.chainwatch.schema.WatchTarget.ADDRESS).setValue(address).setWatchers(Arrays.stream(watchers)
                        .map(
                                Fixtures.WatcherBuilder::build)
                        .toList())
                .build());
    }

    private List<TransactionAlerts.Combined> match(Fixtures.TxBuilder tx) {
        BlockEvent block = applied(CHAIN, 100).build();
        return TransactionMatcher.match(block, tx.build(0), TransactionMatcher.Subscriptions.byKey(
                subscriptions::get), 2);
    }

    private static List<String> movements(Alert alert) {
        return alert.getMovements().stream().map(TransactionAlertsTest::describe).toList();
    }

    private static final Map<String, String> NAMES = Map.of(ALICE, "alice", BOB, "bob", CAROL, "carol", ROUTER,
            "router", POOL, "pool", TOKEN, "token", Fixtures.NFT, "nft");

    private static String describe(AlertMovement m) {
        return m.getKind() + " " + m.getAmount() + (m.getToken() == null ? "" : " " + NAMES.get(m.getToken()))
                + " via " + (m.getCounterparty() == null ? "several" : NAMES.get(m.getCounterparty()));
    }

    @Test
    void shouldTellASwapAsOneAlertWithWhatWentOutAndWhatCameIn() {
        watch(ALICE, watcher(1).label("hot"));

        List<TransactionAlerts.Combined> out = match(tx("7").from(ALICE).to(ROUTER).value("1000").erc20(4, POOL,
                ALICE, "3412500000"));

        assertThat(out).hasSize(1);
        Alert alert = out.get(0).alert();
        assertThat(alert.getKind()).isEqualTo(AlertKind.TRANSACTION);
        assertThat(alert.getId()).isEqualTo(CHAIN + ":" + txHash("7") + ":1:TRANSACTION");
        assertThat(movements(alert)).containsExactly("NATIVE_OUT 1000 via router",
                "TOKEN_IN 3412500000 token via pool");
        assertThat(alert.getWatchedAddresses()).extracting(w -> w.getAddress() + " " + w.getLabel()).containsExactly(
                ALICE + " hot");
        assertThat(out.get(0).legacyIds()).containsExactly(CHAIN + ":" + txHash("7") + ":1:NATIVE_OUT", CHAIN + ":"
                + txHash("7") + ":1:TOKEN_IN#4");
    }

    @Test
    void shouldNetWhatWentInAndOutOfOneAssetAndLeaveOutANetOfNothing() {
        watch(ALICE, watcher(1));

        Alert netted = match(tx("7").from(ALICE).to(ROUTER).erc20(1, ALICE, ROUTER, "30").erc20(2, POOL, ALICE,
                "100")).get(0).alert();
        assertThat(movements(netted)).containsExactly("TOKEN_IN 70 token via several");

        Alert cancelled = match(tx("8").from(ALICE).to(ROUTER).value("5").internal(0, ROUTER, ALICE, "5").erc20(1,
                POOL, ALICE, "1")).get(0).alert();
        assertThat(movements(cancelled)).as("5 wei out and 5 back is nothing").containsExactly(
                "TOKEN_IN 1 token via pool");

        assertThat(match(tx("9").from(CAROL).to(ROUTER).erc20(1, ALICE, ROUTER, "30").erc20(2, ROUTER, ALICE, "30")))
                .as("a transaction that leaves the wallet as it was says nothing").isEmpty();
    }

    @Test
    void shouldCarryEveryAssetATransactionMovedForOneWalletInOrder() {
        watch(ALICE, watcher(1));

        Alert alert = match(tx("7").from(ALICE).to(ROUTER).value("10").erc20(1, ROUTER, ALICE, "5").erc721(2, ROUTER,
                ALICE, "42").internal(0, ROUTER, ALICE, "3")).get(0).alert();

        assertThat(movements(alert)).containsExactly("NATIVE_OUT 7 via router", "TOKEN_IN 5 token via router",
                "NFT_IN 1 nft via router");
    }

    @Test
    void shouldNameBothWatchedAddressesOfOneChatInOneAlertAndTellOtherChatsApart() {
        watch(ALICE, watcher(1).label("savings").confirmations(5));
        watch(BOB, watcher(1).label("spending"), watcher(2));

        List<TransactionAlerts.Combined> out = match(tx("7").from(ALICE).to(BOB).value("10"));

        assertThat(out).extracting(c -> c.alert().getChatId()).containsExactly(1L, 2L);
        Alert both = out.get(0).alert();
        assertThat(both.getWatchedAddresses()).extracting(w -> w.getLabel()).containsExactly("savings", "spending");
        assertThat(both.getWatched()).isEqualTo(ALICE);
        assertThat(movements(both)).containsExactly("NATIVE_OUT 10 via bob", "NATIVE_IN 10 via alice");
        assertThat(both.getRequiredConfirmations()).as("the most cautious depth").isEqualTo(5);
        assertThat(movements(out.get(1).alert())).containsExactly("NATIVE_IN 10 via alice");
    }

    @Test
    void shouldTellAnApprovalWithoutTheCallThatGaveIt() {
        watch(ALICE, watcher(1));

        Alert alert = match(tx("7").from(ALICE).to(TOKEN).approve(3, ALICE, ROUTER, "115792089237316195423570985008687"
                + "907853269984665640564039457584007913129639935").gas(46_000, "20000000000")).get(0).alert();

        assertThat(alert.getMovements()).as("the approve call's zero value is not news").isEmpty();
        assertThat(alert.getApprovals()).singleElement().satisfies(a -> {
            assertThat(a.getSpender()).isEqualTo(ROUTER);
            assertThat(a.getApproved()).isTrue();
        });
        assertThat(alert.getFeeWei()).isEqualTo("920000000000000");
    }

    @Test
    void shouldLeaveApprovalsOutForAWatchThatDoesNotWantThem() {
        watch(ALICE, watcher(1).noApprovals());

        List<TransactionAlerts.Combined> out = match(tx("7").from(ALICE).to(TOKEN).approve(3, ALICE, ROUTER, "5"));

        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.alert().getApprovals()).isEmpty();
            assertThat(movements(c.alert())).as("left: the call itself").containsExactly("NATIVE_OUT 0 via token");
        });
    }

    @Test
    void shouldKeepAMovementOfNothingAsTheSignOfPoisoningItIs() {
        watch(ALICE, watcher(1));

        Alert alert = match(tx("7").from(CAROL).to(TOKEN).erc20(0, ALICE, address("a11cf"), "0")).get(0).alert();

        assertThat(alert.getMovements()).singleElement().satisfies(m -> {
            assertThat(m.getKind()).isEqualTo(AlertKind.TOKEN_OUT);
            assertThat(m.getFlags()).contains(TransactionMatcher.ZERO_VALUE_TOKEN);
        });
        assertThat(alert.getFlags()).contains(TransactionMatcher.ZERO_VALUE_TOKEN);
    }

    @Test
    void shouldTellAFailedTransactionWithWhatItTriedAndTheFee() {
        watch(ALICE, watcher(1));

        Alert alert = match(tx("7").from(ALICE).to(ROUTER).value("10").failed().erc20(1, POOL, ALICE, "5").gas(21_000,
                "3")).get(0).alert();

        assertThat(alert.getTxStatus()).isEqualTo(io.chainwatch.schema.TxStatus.FAILED);
        assertThat(movements(alert)).containsExactly("NATIVE_OUT 10 via router");
        assertThat(alert.getFeeWei()).isEqualTo("63000");
    }

    @Test
    void shouldKeepATrackedHashItsOwnAlert() {
        watch(ALICE, watcher(1));
        subscriptions.put(Topics.txKey(CHAIN, txHash("7")), Fixtures.trackersOf(CHAIN, txHash("7"), watcher(1)));

        List<TransactionAlerts.Combined> out = match(tx("7").from(ALICE).to(BOB).value("1"));

        assertThat(out).extracting(c -> c.alert().getKind()).containsExactlyInAnyOrder(AlertKind.TX_MINED,
                AlertKind.TRANSACTION);
    }

    @Test
    void shouldGiveTheWatcherWhoseSettingsTheAlertCarries() {
        watch(ALICE, watcher(1).quietHours("22:00-07:00 UTC"));

        Watcher carried = match(tx("7").from(ALICE).to(BOB).value("1")).get(0).watcher();

        assertThat(carried.getFilters().getQuietHours()).isEqualTo("22:00-07:00 UTC");
    }
}
