package io.chainwatch.notifier;

import java.util.List;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.TxStatus;

/** Test-data builder: an incoming 1.5 ETH alert on Ethereum unless told otherwise. */
public final class TestAlerts {

    public static final String TX = "0x" + "ab".repeat(32);
    public static final String FROM = "0x1111111111111111111111111111111111111111";
    public static final String WATCHED = "0x2222222222222222222222222222222222222222";

    private final Alert.Builder builder = Alert.newBuilder().setId("").setChatId(42).setWatchId(7).setChain(
            "ethereum").setKind(AlertKind.NATIVE_IN).setPhase(AlertPhase.CONFIRMED).setTxHash(TX).setLogIndex(-1)
            .setBlockNumber(19_000_000).setBlockHash("0x" + "cd".repeat(32)).setBlockTimestamp(1_700_000_000L)
            .setConfirmations(2).setRequiredConfirmations(2).setWatched(WATCHED).setLabel(null).setFrom(FROM).setTo(
                    WATCHED)
            .setAmount("1500000000000000000").setToken(null).setTokenId(null).setTxStatus(
                    TxStatus.SUCCESS)
            .setBackfill(false).setLate(false).setFlags(List.of()).setGeneration(0)
            .setObservedAtMillis(0);

    public static TestAlerts alert() {
        return new TestAlerts();
    }

    public TestAlerts chat(long chatId) {
        builder.setChatId(chatId);
        return this;
    }

    public TestAlerts chain(String chain) {
        builder.setChain(chain);
        return this;
    }

    public TestAlerts kind(AlertKind kind) {
        builder.setKind(kind);
        return this;
    }

    public TestAlerts phase(AlertPhase phase) {
        builder.setPhase(phase);
        return this;
    }

    public TestAlerts tx(String hash) {
        builder.setTxHash(hash);
        return this;
    }

    public TestAlerts logIndex(int index) {
        builder.setLogIndex(index);
        return this;
    }

    public TestAlerts label(String label) {
        builder.setLabel(label);
        return this;
    }

    public TestAlerts watched(String watched) {
        builder.setWatched(watched);
        return this;
    }

    public TestAlerts from(String from) {
        builder.setFrom(from);
        return this;
    }

    public TestAlerts to(String to) {
        builder.setTo(to);
        return this;
    }

    public TestAlerts amount(String amount) {
        builder.setAmount(amount);
        return this;
    }

    public TestAlerts token(String token) {
        builder.setToken(token);
        return this;
    }

    public TestAlerts tokenId(String tokenId) {
        builder.setTokenId(tokenId);
        return this;
    }

    public TestAlerts status(TxStatus status) {
        builder.setTxStatus(status);
        return this;
    }

    public TestAlerts late() {
        builder.setLate(true);
        return this;
    }

    public TestAlerts backfill() {
        builder.setBackfill(true);
        return this;
    }

    public TestAlerts flags(String... flags) {
        builder.setFlags(List.of(flags));
        return this;
    }

    public TestAlerts block(long number) {
        builder.setBlockNumber(number);
        return this;
    }

    /** The block's depth and the depth the watch waits for. */
    public TestAlerts confirmations(int confirmations, int required) {
        builder.setConfirmations(confirmations).setRequiredConfirmations(required);
        return this;
    }

    public TestAlerts generation(int generation) {
        builder.setGeneration(generation);
        return this;
    }

    public TestAlerts quietHours(String quietHours) {
        builder.setQuietHours(quietHours);
        return this;
    }

    /** The block's time, seconds since the epoch. */
    public TestAlerts blockTime(long seconds) {
        builder.setBlockTimestamp(seconds);
        return this;
    }

    /** The watch's dollar minimum ({@code /settings min all $100}). */
    public TestAlerts minUsd(String minimum) {
        builder.setMinUsd(minimum);
        return this;
    }

    public TestAlerts observedAt(long millis) {
        builder.setObservedAtMillis(millis);
        return this;
    }

    public Alert build() {
        Alert alert = builder.build();
        alert.setId(AlertIds.idOf(alert));
        return alert;
    }
}
