package io.chainwatch.notifier;

import java.util.List;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TxStatus;
import io.chainwatch.schema.WatchedAddress;

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

    /**
     * A {@link AlertKind#TRANSACTION} alert (issue #16) of the watched address, sent by it to {@code to} with no
     * value; add its movements, approvals and watched addresses.
     */
    public static TestAlerts transaction() {
        TestAlerts alert = new TestAlerts();
        alert.builder.setKind(AlertKind.TRANSACTION).setFrom(WATCHED).setTo(FROM).setAmount("0");
        return alert;
    }

    public TestAlerts movements(AlertMovement... movements) {
        builder.setMovements(List.of(movements));
        return this;
    }

    public TestAlerts approvals(TokenApproval... approvals) {
        builder.setApprovals(List.of(approvals));
        return this;
    }

    /** The chat's watched addresses the transaction touched; the first also becomes {@code watched} and its label. */
    public TestAlerts watchedAddresses(WatchedAddress... addresses) {
        builder.setWatchedAddresses(List.of(addresses)).setWatched(addresses[0].getAddress()).setLabel(addresses[0]
                .getLabel());
        return this;
    }

    public TestAlerts fee(String feeWei) {
        builder.setFeeWei(feeWei);
        return this;
    }

    /** A movement of {@code WATCHED} with {@code counterparty}, at no log index. */
    public static AlertMovement movement(AlertKind kind, String amount, String token, String counterparty) {
        return movement(WATCHED, kind, amount, token, counterparty);
    }

    public static AlertMovement movement(String watched, AlertKind kind, String amount, String token,
            String counterparty) {
        return AlertMovement.newBuilder().setKind(kind).setWatched(watched).setLogIndex(-1).setCounterparty(
                counterparty).setAmount(amount).setToken(token).setTokenId(null).setFlags(List.of()).build();
    }

    /** An NFT movement of {@code WATCHED}: ids and amounts comma-separated for an ERC-1155 batch. */
    public static AlertMovement nft(AlertKind kind, String token, String tokenId, String amount,
            String counterparty) {
        return AlertMovement.newBuilder(movement(kind, amount, token, counterparty)).setTokenId(tokenId).build();
    }

    /** An approval by {@code WATCHED}; {@code amount} null for NFTs. */
    public static TokenApproval approval(ApprovalStandard standard, String token, String spender, String amount,
            boolean approved) {
        return TokenApproval.newBuilder().setLogIndex(0).setStandard(standard).setToken(token).setOwner(WATCHED)
                .setSpender(spender).setAmount(amount).setTokenId(null).setApproved(approved).setExpiration(null)
                .build();
    }

    public static WatchedAddress watchedAddress(String address, long watchId, String label) {
        return WatchedAddress.newBuilder().setAddress(address).setWatchId(watchId).setLabel(label).build();
    }

    public Alert build() {
        Alert alert = builder.build();
        alert.setId(AlertIds.idOf(alert));
        return alert;
    }
}
