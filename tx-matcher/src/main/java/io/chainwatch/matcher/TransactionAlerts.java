package io.chainwatch.matcher;

import static io.chainwatch.schema.Ascii.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TxStatus;
import io.chainwatch.schema.WatchedAddress;
import io.chainwatch.schema.Watcher;

/**
 * One alert per transaction and chat (issue #16): the movements {@link TransactionMatcher} found for each of the chat's
 * watchers, and the approvals its watched addresses gave, combined into one {@link AlertKind#TRANSACTION} alert. Pure.
 * <p>
 * Rules:
 * <ul>
 * <li>Movements are netted per watched address and asset (the native coin — the transaction's value and internal
 * transfers alike —, each ERC-20 token, each NFT id): what went in and out of the same asset is shown once, as the
 * net, in the direction of the net; a net of zero from movements that moved something is left out. A movement of
 * nothing (a zero-value token transfer, an address-poisoning sign) is kept as it is and never netted, so its flag
 * stays its own. ERC-1155 batches are not netted.
 * <li>A contract call of no value by a watched address is shown only when the transaction did nothing else for the
 * chat (no other movement, no approval).</li>
 * <li>Two watched addresses of one chat in one transaction: one alert naming both ({@code watchedAddresses}); the
 * chat's most cautious confirmation depth applies.</li>
 * <li>A tracked transaction hash ({@code TX_MINED}) keeps its own alert.</li>
 * <li>The id is {@code chain:tx:chat:TRANSACTION}; {@code legacyIds} are the ids the movements had as alerts of their
 * own before, so that a replay of blocks announced then announces nothing twice.</li>
 * </ul>
 */
final class TransactionAlerts {

    /** A combined alert, the watcher whose settings it carries, and the ids its movements had before issue #16. */
    record Combined(Watcher watcher, Alert alert, List<String> legacyIds) {
    }

    /** An approval of a watched owner, for one of its watchers. */
    record ApprovalMatch(Watcher watcher, TokenApproval approval) {
    }

    private TransactionAlerts() {
    }

    static List<Combined> combine(BlockEvent block, ChainTransaction tx, List<TransactionMatcher.Match> movements,
            List<ApprovalMatch> approvals, int defaultConfirmations) {
        Map<Long, Group> byChat = new LinkedHashMap<>();
        List<Combined> out = new ArrayList<>();
        for (TransactionMatcher.Match match : movements) {
            if (match.alert().getKind() == AlertKind.TX_MINED) {
                out.add(new Combined(match.watcher(), match.alert(), List.of()));
            } else {
                byChat.computeIfAbsent(match.watcher().getChatId(), chat -> new Group()).add(match);
            }
        }
        for (ApprovalMatch approval : approvals) {
            byChat.computeIfAbsent(approval.watcher().getChatId(), chat -> new Group()).add(approval);
        }
        for (Group group : byChat.values()) {
            group.build(block, tx, defaultConfirmations).ifPresent(out::add);
        }
        return out;
    }

    /** The net of one asset for one watched address. */
    private static final class Net {
        final String watched;
        final String family;
        final int logIndex;
        final String token;
        final String tokenId;
        final String batchAmounts;
        final Set<String> counterparties = new LinkedHashSet<>();
        final Set<String> flags = new LinkedHashSet<>();
        BigInteger net = BigInteger.ZERO;
        boolean movedSomething;
        boolean viaValue;
        AlertKind firstKind;

        Net(String watched, String family, Alert first) {
            this.watched = watched;
            this.family = family;
            this.logIndex = first.getLogIndex();
            this.token = first.getToken();
            this.tokenId = first.getTokenId();
            this.batchAmounts = first.getFlags().contains(TransactionMatcher.BATCH) ? first.getAmount() : null;
            this.firstKind = first.getKind();
        }
    }

    private static final class Group {
        private final Map<String, Watcher> watchers = new LinkedHashMap<>();
        private final Map<String, Net> nets = new LinkedHashMap<>();
        private final List<TokenApproval> approvals = new ArrayList<>();
        private final List<String> legacyIds = new ArrayList<>();
        private final List<Net> created = new ArrayList<>();

        void add(TransactionMatcher.Match match) {
            Alert alert = match.alert();
            watchers.putIfAbsent(alert.getWatched(), match.watcher());
            legacyIds.add(alert.getId());
            if (alert.getKind() == AlertKind.CONTRACT_CREATED) {
                created.add(new Net(alert.getWatched(), "created", alert));
                return;
            }
            boolean batch = alert.getFlags().contains(TransactionMatcher.BATCH);
            String family = family(alert.getKind());
            boolean nothing = !batch && Movement.amount(alert.getAmount()).signum() == 0;
            String asset = nothing ? "nothing:" + alert.getLogIndex() + ":" + alert.getKind() : switch (family) {
                case "native" -> "native";
                case "token" -> "erc20:" + alert.getToken();
                default -> batch
                        ? "batch:" + alert.getLogIndex()
                        : "nft:" + alert.getToken() + ":" + alert
                                .getTokenId();
            };
            Net net = nets.computeIfAbsent(alert.getWatched() + "|" + asset, key -> new Net(alert.getWatched(), family,
                    alert));
            boolean in = incoming(alert.getKind());
            BigInteger amount = batch ? BigInteger.ONE : Movement.amount(alert.getAmount());
            net.net = in ? net.net.add(amount) : net.net.subtract(amount);
            net.movedSomething |= amount.signum() != 0;
            net.viaValue |= alert.getKind() == AlertKind.NATIVE_IN || alert.getKind() == AlertKind.NATIVE_OUT;
            net.counterparties.add(in ? alert.getFrom() : alert.getTo() == null ? "" : alert.getTo());
            net.flags.addAll(alert.getFlags());
        }

        void add(ApprovalMatch match) {
            String owner = lower(match.approval().getOwner());
            watchers.putIfAbsent(owner, match.watcher());
            if (!approvals.contains(match.approval())) {
                approvals.add(match.approval());
            }
        }

        java.util.Optional<Combined> build(BlockEvent block, ChainTransaction tx, int defaultConfirmations) {
            List<AlertMovement> movements = new ArrayList<>();
            for (Net net : created) {
                movements.add(AlertMovement.newBuilder().setKind(AlertKind.CONTRACT_CREATED).setWatched(net.watched)
                        .setLogIndex(-1).setCounterparty(lower(tx.getContractCreated())).setAmount("0").setFlags(
                                List.of())
                        .build());
            }
            for (Net net : nets.values()) {
                movement(net).ifPresent(movements::add);
            }
            // a call of no value says something only when the transaction did nothing else for the chat
            if (movements.size() > 1 || !approvals.isEmpty()) {
                movements.removeIf(m -> m.getKind() == AlertKind.NATIVE_OUT && m.getAmount().equals("0") && m
                        .getToken() == null);
            }
            if (movements.isEmpty() && approvals.isEmpty()) {
                return java.util.Optional.empty();
            }
            List<Watcher> involved = new ArrayList<>(watchers.values());
            List<String> addresses = new ArrayList<>(watchers.keySet());
            Watcher first = involved.get(0);
            List<WatchedAddress> watched = new ArrayList<>();
            int required = 0;
            for (int i = 0; i < involved.size(); i++) {
                Watcher w = involved.get(i);
                watched.add(new WatchedAddress(addresses.get(i), w.getWatchId(), w.getLabel()));
                required = Math.max(required, w.getConfirmations() != null
                        ? w.getConfirmations()
                        : defaultConfirmations);
            }
            Set<String> flags = new LinkedHashSet<>();
            movements.forEach(m -> flags.addAll(m.getFlags()));
            String from = lower(tx.getFrom());
            String feeWei = addresses.contains(from)
                    ? BigInteger.valueOf(tx.getGasUsed()).multiply(Movement.amount(tx.getEffectiveGasPrice()))
                            .toString()
                    : null;
            String chain = block.getChain();
            String hash = lower(tx.getHash());
            Alert alert = Alert.newBuilder()
                    .setId(AlertIds.id(chain, hash, first.getChatId(), AlertIds.kindKey(AlertKind.TRANSACTION, -1,
                            AlertPhase.CONFIRMED, 0)))
                    .setChatId(first.getChatId())
                    .setWatchId(first.getWatchId())
                    .setChain(chain)
                    .setKind(AlertKind.TRANSACTION)
                    .setPhase(AlertPhase.CONFIRMED)
                    .setTxHash(hash)
                    .setLogIndex(-1)
                    .setBlockNumber(block.getNumber())
                    .setBlockHash(block.getHash())
                    .setBlockTimestamp(block.getTimestamp())
                    .setConfirmations(0)
                    .setRequiredConfirmations(required)
                    .setWatched(addresses.get(0))
                    .setLabel(first.getLabel())
                    .setQuietHours(first.getFilters() == null ? null : first.getFilters().getQuietHours())
                    .setMinUsd(first.getFilters() == null ? null : first.getFilters().getMinUsd())
                    .setFrom(from)
                    .setTo(Movement.nativeReceiver(tx))
                    .setAmount(Movement.amount(tx.getValue()).toString())
                    .setToken(null)
                    .setTokenId(null)
                    .setTxStatus(tx.getStatus() == null ? TxStatus.UNKNOWN : tx.getStatus())
                    .setBackfill(block.getBackfill())
                    .setLate(false)
                    .setFlags(new ArrayList<>(flags))
                    .setGeneration(0)
                    .setObservedAtMillis(block.getObservedAtMillis())
                    .setMovements(movements)
                    .setApprovals(new ArrayList<>(approvals))
                    .setWatchedAddresses(watched)
                    .setFeeWei(feeWei)
                    .build();
            return java.util.Optional.of(new Combined(first, alert, List.copyOf(legacyIds)));
        }

        /** The net as a movement; empty when what went in and out cancels out. */
        private static java.util.Optional<AlertMovement> movement(Net net) {
            if (net.net.signum() == 0 && net.movedSomething && net.batchAmounts == null) {
                return java.util.Optional.empty();
            }
            AlertKind kind;
            if (net.batchAmounts != null || net.net.signum() == 0) {
                kind = net.firstKind; // a batch, or a movement of nothing: as it came
            } else {
                boolean in = net.net.signum() > 0;
                kind = switch (net.family) {
                    case "native" -> net.viaValue
                            ? in ? AlertKind.NATIVE_IN : AlertKind.NATIVE_OUT
                            : in ? AlertKind.INTERNAL_IN : AlertKind.INTERNAL_OUT;
                    case "token" -> in ? AlertKind.TOKEN_IN : AlertKind.TOKEN_OUT;
                    default -> in ? AlertKind.NFT_IN : AlertKind.NFT_OUT;
                };
            }
            String amount = net.batchAmounts != null ? net.batchAmounts : net.net.abs().toString();
            String counterparty = net.counterparties.size() == 1 ? net.counterparties.iterator().next() : null;
            return java.util.Optional.of(AlertMovement.newBuilder().setKind(kind).setWatched(net.watched).setLogIndex(
                    net.logIndex).setCounterparty(
                            counterparty == null || counterparty.isEmpty()
                                    ? null
                                    : counterparty)
                    .setAmount(amount).setToken(net.token).setTokenId(net.tokenId).setFlags(new ArrayList<>(
                            net.flags))
                    .build());
        }

        private static String family(AlertKind kind) {
            return switch (kind) {
                case NATIVE_IN, NATIVE_OUT, INTERNAL_IN, INTERNAL_OUT -> "native";
                case TOKEN_IN, TOKEN_OUT -> "token";
                default -> "nft";
            };
        }

        private static boolean incoming(AlertKind kind) {
            return switch (kind) {
                case NATIVE_IN, TOKEN_IN, NFT_IN, INTERNAL_IN -> true;
                default -> false;
            };
        }
    }
}
