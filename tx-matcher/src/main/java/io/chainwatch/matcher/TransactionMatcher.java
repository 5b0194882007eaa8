package io.chainwatch.matcher;

import static io.chainwatch.schema.Ascii.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.InternalTransfer;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TokenTransfer;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.TxStatus;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;

/**
 * Which watcher hears what about one transaction. Pure: the subscriptions come in through a lookup, nothing is
 * remembered between calls.
 * <p>
 * Rules:
 * <ul>
 * <li>Every value movement (the transaction's own value, each ERC-20/721/1155 transfer log, each internal call with
 * value) gives the watchers of the sender an {@code *_OUT} alert and the watchers of the receiver an {@code *_IN}
 * alert. Two watched addresses transacting with each other therefore give each of their watchers the alert of its own
 * side, once.</li>
 * <li>A self-transfer ({@code from == to}) gives one alert, the {@code *_OUT} one: the watcher initiated it and one
 * notification reads better than two about the same coins.</li>
 * <li>A zero-value transaction sent by a watched address (a contract call such as {@code approve}) gives a
 * {@code NATIVE_OUT} of 0 only when the same watch gets no other alert from that transaction: approvals are how
 * wallet drains begin, but an ERC-20 transfer should not be announced twice.</li>
 * <li>A failed transaction moved nothing but its sender's gas: only the sender side of its native value and
 * {@code TX_MINED} are announced, with {@code txStatus=FAILED}.</li>
 * <li>The items of one ERC-1155 {@code TransferBatch} log share a log index and thus an alert id; they are merged
 * into one alert whose {@code tokenId} lists the ids and whose {@code amount} lists their amounts (comma separated,
 * in the same order).</li>
 * <li>A deployment by a watched address, or of a watched (precomputed) address, gives {@code CONTRACT_CREATED}.</li>
 * <li>A tracked transaction hash gives {@code TX_MINED} with the receipt status.</li>
 * <li>The watch's filters apply to everything but {@code TX_MINED}; spam filtering needs history and happens in the
 * processor.</li>
 * </ul>
 */
final class TransactionMatcher {

    /** Flag set on a token transfer of zero units that involves a watched address (address poisoning). */
    static final String ZERO_VALUE_TOKEN = "ZERO_VALUE_TOKEN";
    /** Flag set on ERC-1155 batch items merged into one alert. */
    static final String BATCH = "BATCH";

    /** Where the watchers of an address or a transaction hash are looked up; {@code null} when nobody watches it. */
    interface Subscriptions {
        /** The watchers of {@code address} (lower case) on {@code chain}. */
        Watchers ofAddress(String chain, String address);

        /** The watchers of the transaction {@code hash} (lower case) on {@code chain}. */
        Watchers ofTransaction(String chain, String hash);

        /** Subscriptions read by their key ({@link Topics#addressKey}, {@link Topics#txKey}) from {@code lookup}. */
        static Subscriptions byKey(Function<String, Watchers> lookup) {
            return new Subscriptions() {
                @Override
                public Watchers ofAddress(String chain, String address) {
                    return lookup.apply(Topics.addressKey(chain, address));
                }

                @Override
                public Watchers ofTransaction(String chain, String hash) {
                    return lookup.apply(Topics.txKey(chain, hash));
                }
            };
        }
    }

    /** Receives the subscription keys of one transaction ({@link #forEachKey}), lower case. */
    interface KeyVisitor {
        /** The transaction's own hash, for the watchers tracking it. */
        void transaction(String hash);

        /** An address the transaction touches; never null. */
        void address(String address);
    }

    /**
     * Every key {@link #match} may look up for {@code tx} (some maybe twice, or not at all): the transaction's hash,
     * its sender, receiver and created contract, both ends of each token and internal transfer, and each approval's
     * owner. A transaction
     * none of whose keys anybody watches gives no match, so a caller that can rule them all out skips it.
     */
    static void forEachKey(ChainTransaction tx, KeyVisitor visitor) {
        visitor.transaction(lower(tx.getHash()));
        address(visitor, tx.getFrom());
        address(visitor, tx.getTo());
        address(visitor, tx.getContractCreated());
        for (TokenTransfer transfer : tx.getTokenTransfers()) {
            address(visitor, transfer.getFrom());
            address(visitor, transfer.getTo());
        }
        for (InternalTransfer transfer : tx.getInternalTransfers()) {
            address(visitor, transfer.getFrom());
            address(visitor, transfer.getTo());
        }
        for (TokenApproval approval : tx.getApprovals()) {
            address(visitor, approval.getOwner());
        }
    }

    private static void address(KeyVisitor visitor, String address) {
        if (address != null) {
            visitor.address(lower(address));
        }
    }

    /** One alert for one watcher, before dedup, confirmations and spam detection. */
    record Match(Watcher watcher, Alert alert, boolean callOnly) {
    }

    private TransactionMatcher() {
    }

    /**
     * What each chat hears about {@code tx}: one {@link AlertKind#TRANSACTION} alert per chat whose watched addresses it
     * touched ({@link TransactionAlerts}), and a {@code TX_MINED} alert per watcher of its hash.
     */
    static List<TransactionAlerts.Combined> match(BlockEvent block, ChainTransaction tx, Subscriptions subscriptions,
            int defaultConfirmations) {
        Run run = new Run(block, tx, subscriptions, defaultConfirmations);
        List<Match> movements = run.matches();
        return TransactionAlerts.combine(block, tx, movements, run.approvals(), defaultConfirmations);
    }

    /** The movements each watcher would hear about, one alert each: the shape alerts had before issue #16. */
    static List<Match> movements(BlockEvent block, ChainTransaction tx, Subscriptions subscriptions,
            int defaultConfirmations) {
        return new Run(block, tx, subscriptions, defaultConfirmations).matches();
    }

    private static final class Run {
        private final BlockEvent block;
        private final ChainTransaction tx;
        private final Subscriptions subscriptions;
        private final int defaultConfirmations;
        private final Map<String, List<Watcher>> watchersByAddress = new HashMap<>();
        private final Map<String, Match> byId = new LinkedHashMap<>();

        Run(BlockEvent block, ChainTransaction tx, Subscriptions subscriptions, int defaultConfirmations) {
            this.block = block;
            this.tx = tx;
            this.subscriptions = subscriptions;
            this.defaultConfirmations = defaultConfirmations;
        }

        List<Match> matches() {
            matchTrackedHash();
            boolean failed = tx.getStatus() == TxStatus.FAILED;
            matchNativeValue(failed);
            if (!failed) {
                for (Movement movement : Movement.tokenMovements(tx.getTokenTransfers())) {
                    matchMovement(movement, false);
                }
                for (InternalTransfer internal : tx.getInternalTransfers()) {
                    BigInteger value = Movement.amount(internal.getValue());
                    if (value.signum() > 0) {
                        matchMovement(Movement.internal(internal, value), false);
                    }
                }
                matchDeployment();
            }
            return dropRedundantCalls();
        }

        /** The approvals the transaction's watched owners gave, for each of their watchers that wants them. */
        List<TransactionAlerts.ApprovalMatch> approvals() {
            List<TransactionAlerts.ApprovalMatch> found = new ArrayList<>();
            if (tx.getStatus() == TxStatus.FAILED) {
                return found;
            }
            for (TokenApproval approval : tx.getApprovals()) {
                for (Watcher watcher : watchersOf(lower(approval.getOwner()))) {
                    if (AlertFilters.allowsApprovals(watcher.getFilters())) {
                        found.add(new TransactionAlerts.ApprovalMatch(watcher, approval));
                    }
                }
            }
            return found;
        }

        private void matchTrackedHash() {
            String hash = lower(tx.getHash());
            Watchers tracked = subscriptions.ofTransaction(block.getChain(), hash);
            if (tracked == null) {
                return;
            }
            for (Watcher watcher : tracked.getWatchers()) {
                add(watcher, AlertKind.TX_MINED, hash, Movement.nativeValue(tx, Movement.amount(tx.getValue())),
                        false, false);
            }
        }

        private void matchNativeValue(boolean failed) {
            String to = Movement.nativeReceiver(tx);
            if (to == null || watchersOf(lower(tx.getFrom())).isEmpty() && watchersOf(to).isEmpty()) {
                return; // nobody watches either end (nearly every transaction): its value need not even be parsed
            }
            BigInteger value = Movement.amount(tx.getValue());
            Movement movement = Movement.nativeValue(tx, value);
            boolean zero = value.signum() == 0;
            matchMovement(movement, failed || zero);
        }

        private void matchMovement(Movement m, boolean senderOnly) {
            boolean self = m.from().equals(m.to());
            boolean callOnly = m.kinds() == Movement.Kinds.NATIVE && m.amount().signum() == 0;
            for (Watcher watcher : watchersOf(m.from())) {
                add(watcher, m.kinds().out, m.from(), m, true, callOnly);
            }
            if (!senderOnly && !self) {
                for (Watcher watcher : watchersOf(m.to())) {
                    add(watcher, m.kinds().in, m.to(), m, true, callOnly);
                }
            }
        }

        private void matchDeployment() {
            if (tx.getContractCreated() == null) {
                return;
            }
            String deployer = lower(tx.getFrom());
            String created = lower(tx.getContractCreated());
            Movement m = new Movement(Movement.Kinds.NATIVE, -1, deployer, created, Movement.amount(tx.getValue()),
                    null, null, null);
            for (String watched : List.of(deployer, created)) {
                for (Watcher watcher : watchersOf(watched)) {
                    add(watcher, AlertKind.CONTRACT_CREATED, watched, m, true, false);
                }
            }
        }

        private void add(Watcher watcher, AlertKind kind, String watched, Movement m, boolean filtered,
                boolean callOnly) {
            if (filtered && !AlertFilters.allows(watcher.getFilters(), kind, m.amount())) {
                return;
            }
            int logIndex = kind == AlertKind.TX_MINED || kind == AlertKind.CONTRACT_CREATED ? -1 : m.index();
            String id = AlertIds.id(block.getChain(), lower(tx.getHash()), watcher.getChatId(), AlertIds.kindKey(kind,
                    logIndex, AlertPhase.CONFIRMED, 0));
            List<String> flags = new ArrayList<>();
            if (m.kinds() != Movement.Kinds.NATIVE && m.kinds() != Movement.Kinds.INTERNAL && m.amount()
                    .signum() == 0 && kind != AlertKind.TX_MINED && kind != AlertKind.CONTRACT_CREATED) {
                flags.add(ZERO_VALUE_TOKEN);
            }
            if (m.batch()) {
                flags.add(BATCH);
            }
            Alert alert = Alert.newBuilder()
                    .setId(id)
                    .setChatId(watcher.getChatId())
                    .setWatchId(watcher.getWatchId())
                    .setChain(block.getChain())
                    .setKind(kind)
                    .setPhase(AlertPhase.CONFIRMED)
                    .setTxHash(lower(tx.getHash()))
                    .setLogIndex(logIndex)
                    .setBlockNumber(block.getNumber())
                    .setBlockHash(block.getHash())
                    .setBlockTimestamp(block.getTimestamp())
                    .setConfirmations(0)
                    .setRequiredConfirmations(watcher.getConfirmations() != null
                            ? watcher.getConfirmations()
                            : defaultConfirmations)
                    .setWatched(watched)
                    .setLabel(watcher.getLabel())
                    .setQuietHours(watcher.getFilters() == null ? null : watcher.getFilters().getQuietHours())
                    .setMinUsd(watcher.getFilters() == null ? null : watcher.getFilters().getMinUsd())
                    .setFrom(m.from())
                    .setTo(m.to())
                    .setAmount(m.alertAmount())
                    .setToken(m.token())
                    .setTokenId(m.tokenId())
                    .setTxStatus(tx.getStatus())
                    .setBackfill(block.getBackfill())
                    .setLate(false)
                    .setFlags(flags)
                    .setGeneration(0)
                    .setObservedAtMillis(block.getObservedAtMillis())
                    .build();
            byId.putIfAbsent(id, new Match(watcher, alert, callOnly));
        }

        private List<Match> dropRedundantCalls() {
            Set<String> announced = new HashSet<>();
            for (Match match : byId.values()) {
                if (!match.callOnly()) {
                    announced.add(match.alert().getChatId() + "|" + match.alert().getWatched());
                }
            }
            return byId.values().stream()
                    .filter(m -> !m.callOnly() || !announced.contains(m.alert().getChatId() + "|" + m.alert()
                            .getWatched()))
                    .toList();
        }

        private List<Watcher> watchersOf(String address) {
            if (address == null) {
                return List.of();
            }
            return watchersByAddress.computeIfAbsent(address, a -> {
                Watchers found = subscriptions.ofAddress(block.getChain(), a);
                return found == null ? List.of() : found.getWatchers();
            });
        }
    }
}
