package io.chainwatch.notifier;

import java.util.List;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.TxStatus;

/** Test-data builder: an incoming 1.5 ETH alert on Ethereum unless told otherwise. */
final class TestAlerts {

    static final String TX = "0x" + "ab".repeat(32);
    static final String FROM = "0x1111111111111111111111111111111111111111";
    static final String WATCHED = "0x2222222222222222222222222222222222222222";

    private final Alert.Builder builder = Alert.newBuilder().setId("").setChatId(42).setWatchId(7).setChain(
            "ethereum").setKind(AlertKind.NATIVE_IN).setPhase(AlertPhase.CONFIRMED).setTxHash(TX).setLogIndex(-1)
            .setBlockNumber(19_000_000).setBlockHash("0x" + "cd".repeat(32)).setBlockTimestamp(1_700_000_000L)
            .setConfirmations(2).setRequiredConfirmations(2).setWatched(WATCHED).setLabel(null).setFrom(FROM).setTo(
                    WATCHED)
            .setAmount("1500000000000000000").setToken(null).setTokenId(null).setTxStatus(
                    TxStatus.SUCCESS)
            .setBackfill(false).setLate(false).setFlags(List.of()).setGeneration(0)
            .setObservedAtMillis(0);

    static TestAlerts alert() {
        return new TestAlerts();
    }

    TestAlerts chat(long chatId) {
        builder.setChatId(chatId);
        return this;
    }

    TestAlerts chain(String chain) {
        builder.setChain(chain);
        return this;
    }

    TestAlerts kind(AlertKind kind) {
        builder.setKind(kind);
        return this;
    }

    TestAlerts phase(AlertPhase phase) {
        builder.setPhase(phase);
        return this;
    }

    TestAlerts tx(String hash) {
        builder.setTxHash(hash);
        return this;
    }

    TestAlerts logIndex(int index) {
        builder.setLogIndex(index);
        return this;
    }

    TestAlerts label(String label) {
        builder.setLabel(label);
        return this;
    }

    TestAlerts from(String from) {
        builder.setFrom(from);
        return this;
    }

    TestAlerts to(String to) {
        builder.setTo(to);
        return this;
    }

    TestAlerts amount(String amount) {
        builder.setAmount(amount);
        return this;
    }

    TestAlerts token(String token) {
        builder.setToken(token);
        return this;
    }

    TestAlerts tokenId(String tokenId) {
        builder.setTokenId(tokenId);
        return this;
    }

    TestAlerts status(TxStatus status) {
        builder.setTxStatus(status);
        return this;
    }

    TestAlerts late() {
        builder.setLate(true);
        return this;
    }

    TestAlerts backfill() {
        builder.setBackfill(true);
        return this;
    }

    TestAlerts flags(String... flags) {
        builder.setFlags(List.of(flags));
        return this;
    }

    TestAlerts block(long number) {
        builder.setBlockNumber(number);
        return this;
    }

    /** The block's depth and the depth the watch waits for. */
    TestAlerts confirmations(int confirmations, int required) {
        builder.setConfirmations(confirmations).setRequiredConfirmations(required);
        return this;
    }

    TestAlerts generation(int generation) {
        builder.setGeneration(generation);
        return this;
    }

    TestAlerts quietHours(String quietHours) {
        builder.setQuietHours(quietHours);
        return this;
    }

    TestAlerts observedAt(long millis) {
        builder.setObservedAtMillis(millis);
        return this;
    }

    Alert build() {
        Alert alert = builder.build();
        alert.setId(AlertIds.idOf(alert));
        return alert;
    }
}
