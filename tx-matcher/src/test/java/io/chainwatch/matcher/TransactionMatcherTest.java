package io.chainwatch.matcher;

import static io.chainwatch.matcher.Fixtures.ALICE;
import static io.chainwatch.matcher.Fixtures.BOB;
import static io.chainwatch.matcher.Fixtures.CAROL;
import static io.chainwatch.matcher.Fixtures.NFT;
import static io.chainwatch.matcher.Fixtures.TOKEN;
import static io.chainwatch.matcher.Fixtures.applied;
import static io.chainwatch.matcher.Fixtures.tx;
import static io.chainwatch.matcher.Fixtures.txHash;
import static io.chainwatch.matcher.Fixtures.watcher;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.chainwatch.matcher.Fixtures.TxBuilder;
import io.chainwatch.matcher.Fixtures.WatcherBuilder;
import io.chainwatch.matcher.TransactionMatcher.Match;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.TxStatus;
import io.chainwatch.schema.Watchers;

class TransactionMatcherTest {

    private static final String CHAIN = "ethereum";
    private static final Map<String, String> NAMES = Map.of(ALICE, "alice", BOB, "bob", CAROL, "carol", TOKEN,
            "token", NFT, "nft", txHash("7"), "tx7");

    /** A scenario: who watches what, one transaction, and the alerts expected as "chat KIND[#log] watched". */
    record Case(String name, Map<String, Watchers> subscriptions, TxBuilder tx, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("native transfer in", watch(BOB, watcher(1)), tx("7").from(ALICE).to(BOB).value("1000"),
                        "1 NATIVE_IN bob"),
                c("native transfer out", watch(ALICE, watcher(1)), tx("7").from(ALICE).to(BOB).value("1000"),
                        "1 NATIVE_OUT alice"),
                c("self-transfer gives one outgoing alert", watch(ALICE, watcher(1)), tx("7").from(ALICE).to(ALICE)
                        .value("1000"), "1 NATIVE_OUT alice"),
                c("two watched addresses, two chats", both(watch(ALICE, watcher(1)), watch(BOB, watcher(2))), tx("7")
                        .from(ALICE).to(BOB).value("1"), "1 NATIVE_OUT alice", "2 NATIVE_IN bob"),
                c("two watched addresses, one chat", both(watch(ALICE, watcher(1)), watch(BOB, watcher(1))), tx("7")
                        .from(ALICE).to(BOB).value("1"), "1 NATIVE_OUT alice", "1 NATIVE_IN bob"),
                c("two chats watch one address", watch(BOB, watcher(1), watcher(2)), tx("7").from(ALICE).to(BOB)
                        .value("1"), "1 NATIVE_IN bob", "2 NATIVE_IN bob"),
                c("erc-20 in", watch(BOB, watcher(1)), tx("7").from(CAROL).to(TOKEN).erc20(3, CAROL, BOB, "5"),
                        "1 TOKEN_IN#3 bob"),
                c("erc-20 out replaces the zero-value call", watch(ALICE, watcher(1)), tx("7").from(ALICE).to(TOKEN)
                        .erc20(1, ALICE, BOB, "5"), "1 TOKEN_OUT#1 alice"),
                c("zero-value call by the watched address (approve)", watch(ALICE, watcher(1)), tx("7").from(ALICE)
                        .to(TOKEN), "1 NATIVE_OUT alice"),
                c("zero-value call to the watched address is not announced", watch(BOB, watcher(1)), tx("7").from(
                        ALICE).to(BOB)),
                c("erc-721 in", watch(BOB, watcher(1)), tx("7").from(ALICE).to(NFT).erc721(2, ALICE, BOB, "42"),
                        "1 NFT_IN#2 bob"),
                c("erc-1155 batch is one alert", watch(BOB, watcher(1)), tx("7").from(ALICE).to(NFT).erc1155Batch(4,
                        ALICE, BOB, "7", "2", "8", "3"), "1 NFT_IN#4 bob"),
                c("internal transfer in", watch(BOB, watcher(1)), tx("7").from(CAROL).to(TOKEN).internal(4, TOKEN,
                        BOB, "100"), "1 INTERNAL_IN#4 bob"),
                c("internal transfer out of a watched contract", watch(TOKEN, watcher(1)), tx("7").from(CAROL).to(
                        TOKEN).internal(4, TOKEN, BOB, "100"), "1 INTERNAL_OUT#4 token"),
                c("deployment by a watched address", watch(ALICE, watcher(1)), tx("7").from(ALICE).deploys(CAROL),
                        "1 CONTRACT_CREATED alice"),
                c("deployment of a watched address", watch(CAROL, watcher(1)), tx("7").from(ALICE).deploys(CAROL),
                        "1 CONTRACT_CREATED carol"),
                c("tracked transaction", track(txHash("7"), watcher(1)), tx("7").from(ALICE).to(BOB).value("1"),
                        "1 TX_MINED tx7"),
                c("tracked transaction ignores filters", track(txHash("7"), watcher(1).noOutgoing().noIncoming()), tx(
                        "7").from(ALICE).to(BOB), "1 TX_MINED tx7"),
                c("failed transaction: only the sender hears", both(watch(ALICE, watcher(1)), watch(BOB, watcher(2))),
                        tx("7").from(ALICE).to(BOB).value("5").failed().erc20(0, ALICE, BOB, "1"),
                        "1 NATIVE_OUT alice"),
                c("filter: no incoming", watch(BOB, watcher(1).noIncoming()), tx("7").from(ALICE).to(BOB).value(
                        "1")),
                c("filter: no outgoing", watch(ALICE, watcher(1).noOutgoing()), tx("7").from(ALICE).to(BOB).value(
                        "1")),
                c("filter: no outgoing keeps incoming", watch(BOB, watcher(1).noOutgoing()), tx("7").from(ALICE).to(
                        BOB).value("1"), "1 NATIVE_IN bob"),
                c("filter: no native transfers", watch(BOB, watcher(1).noNative()), tx("7").from(ALICE).to(BOB)
                        .value("1").internal(0, ALICE, BOB, "1")),
                c("filter: no tokens", watch(BOB, watcher(1).noTokens()), tx("7").from(ALICE).to(TOKEN).erc20(0,
                        ALICE, BOB, "1")),
                c("filter: no nfts", watch(BOB, watcher(1).noNfts()), tx("7").from(ALICE).to(NFT).erc721(0, ALICE,
                        BOB, "1")),
                c("filter: below the minimum", watch(BOB, watcher(1).minNativeWei("1000")), tx("7").from(ALICE).to(
                        BOB).value("999")),
                c("filter: at the minimum", watch(BOB, watcher(1).minNativeWei("1000")), tx("7").from(ALICE).to(BOB)
                        .value("1000"), "1 NATIVE_IN bob"),
                c("nobody watches", Map.of(), tx("7").from(ALICE).to(BOB).value("1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldAlertExactlyTheWatchersConcernedWhenTransactionMatches(Case scenario) {
        BlockEvent block = applied(CHAIN, 100).build();

        List<Match> matches = TransactionMatcher.movements(block, scenario.tx().build(0),
                byKey(scenario.subscriptions()),
                2);

        assertThat(matches).map(TransactionMatcherTest::describe).containsExactlyInAnyOrderElementsOf(scenario
                .expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldLookUpOnlyKeysThatForEachKeyListsSoThatATransactionRuledOutOnThemCannotMatch(Case scenario) {
        io.chainwatch.schema.ChainTransaction tx = scenario.tx().build(0);
        java.util.Set<String> lookedUp = new java.util.HashSet<>();
        java.util.Set<String> listed = new java.util.HashSet<>();

        TransactionMatcher.movements(applied(CHAIN, 100).build(), tx, TransactionMatcher.Subscriptions.byKey(key -> {
            lookedUp.add(key);
            return scenario.subscriptions().get(key);
        }), 2);
        TransactionMatcher.forEachKey(tx, new TransactionMatcher.KeyVisitor() {
            @Override
            public void transaction(String hash) {
                listed.add(Topics.txKey(CHAIN, hash));
            }

            @Override
            public void address(String address) {
                listed.add(Topics.addressKey(CHAIN, address));
            }
        });

        assertThat(lookedUp).isNotEmpty();
        assertThat(listed).containsAll(lookedUp);
    }

    @Test
    void shouldFillEveryAlertFieldWhenTokenIsReceived() {
        BlockEvent block = applied(CHAIN, 100).backfill().build();
        Map<String, Watchers> subs = watch(BOB, watcher(1).label("cold wallet").confirmations(5));

        Alert alert = TransactionMatcher.movements(block, tx("7").from(ALICE).to(TOKEN).erc20(3, ALICE, BOB, "250")
                .build(0), byKey(subs), 2).get(0).alert();

        assertThat(alert.getId()).isEqualTo("ethereum:" + txHash("7") + ":1:TOKEN_IN#3");
        assertThat(alert.getChatId()).isEqualTo(1);
        assertThat(alert.getWatchId()).isEqualTo(10);
        assertThat(alert.getKind()).isEqualTo(AlertKind.TOKEN_IN);
        assertThat(alert.getLabel()).isEqualTo("cold wallet");
        assertThat(alert.getWatched()).isEqualTo(BOB);
        assertThat(alert.getFrom()).isEqualTo(ALICE);
        assertThat(alert.getTo()).isEqualTo(BOB);
        assertThat(alert.getAmount()).isEqualTo("250");
        assertThat(alert.getToken()).isEqualTo(TOKEN);
        assertThat(alert.getLogIndex()).isEqualTo(3);
        assertThat(alert.getBlockNumber()).isEqualTo(100);
        assertThat(alert.getBlockHash()).isEqualTo(block.getHash());
        assertThat(alert.getBlockTimestamp()).isEqualTo(block.getTimestamp());
        assertThat(alert.getRequiredConfirmations()).isEqualTo(5);
        assertThat(alert.getTxStatus()).isEqualTo(TxStatus.SUCCESS);
        assertThat(alert.getBackfill()).isTrue();
        assertThat(alert.getObservedAtMillis()).isEqualTo(block.getObservedAtMillis());
        assertThat(alert.getFlags()).isEmpty();
    }

    @Test
    void shouldMergeBatchItemsWhenErc1155BatchIsReceived() {
        Alert alert = TransactionMatcher
                .movements(applied(CHAIN, 100).build(), tx("7").from(ALICE).to(NFT).erc1155Batch(
                        4, ALICE, BOB, "7", "2", "8", "3").build(0), byKey(watch(BOB, watcher(1))), 2)
                .get(0).alert();

        assertThat(alert.getTokenId()).isEqualTo("7,8");
        assertThat(alert.getAmount()).as("each id's amount, in the order of the ids").isEqualTo("2,3");
        assertThat(alert.getFlags()).containsExactly(TransactionMatcher.BATCH);
    }

    @Test
    void shouldFlagZeroValueTokenWhenTransferMovesNothing() {
        Alert alert = TransactionMatcher.movements(applied(CHAIN, 100).build(), tx("7").from(CAROL).to(TOKEN).erc20(0,
                ALICE, BOB, "0").build(0), byKey(watch(ALICE, watcher(1))), 2).get(0).alert();

        assertThat(alert.getFlags()).containsExactly(TransactionMatcher.ZERO_VALUE_TOKEN);
    }

    @Test
    void shouldUseChainDefaultWhenWatcherSetsNoConfirmations() {
        Alert alert = TransactionMatcher
                .match(applied(CHAIN, 100).build(), tx("7").value("1").build(0), byKey(watch(BOB,
                        watcher(1))), 12)
                .get(0).alert();

        assertThat(alert.getRequiredConfirmations()).isEqualTo(12);
    }

    private static Arguments c(String name, Map<String, Watchers> subscriptions, TxBuilder tx, String... expected) {
        return Arguments.of(new Case(name, subscriptions, tx, List.of(expected)));
    }

    private static TransactionMatcher.Subscriptions byKey(Map<String, Watchers> subscriptions) {
        return TransactionMatcher.Subscriptions.byKey(subscriptions::get);
    }

    private static Map<String, Watchers> watch(String address, WatcherBuilder... watchers) {
        return Map.of(Topics.addressKey(CHAIN, address), Fixtures.watchersOf(CHAIN, address, watchers));
    }

    private static Map<String, Watchers> track(String hash, WatcherBuilder... watchers) {
        return Map.of(Topics.txKey(CHAIN, hash), Fixtures.trackersOf(CHAIN, hash, watchers));
    }

    private static Map<String, Watchers> both(Map<String, Watchers> a, Map<String, Watchers> b) {
        Map<String, Watchers> merged = new HashMap<>(a);
        b.forEach((key, value) -> merged.merge(key, value, (x, y) -> {
            List<io.chainwatch.schema.Watcher> all = new java.util.ArrayList<>(x.getWatchers());
            all.addAll(y.getWatchers());
            return Watchers.newBuilder(x).setWatchers(all).build();
        }));
        return merged;
    }

    private static String describe(Match match) {
        Alert a = match.alert();
        String log = a.getLogIndex() >= 0 ? "#" + a.getLogIndex() : "";
        return a.getChatId() + " " + a.getKind() + log + " " + NAMES.getOrDefault(a.getWatched(), a.getWatched());
    }
}
