package io.chainwatch.notifier.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TxStatus;
import io.chainwatch.schema.WatchedAddress;

/**
 * What a {@link AlertKind#TRANSACTION} alert's transaction did, recognised from its movements and approvals alone
 * (issue #16): a failed attempt, a swap, or a plain list of movements, with the approvals it granted or revoked beside
 * any of them. Pure and stateless.
 */
final class TransactionPatterns {

    /** ERC-20's largest allowance, the one wallets mean by "unlimited". */
    static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    /** Permit2's largest allowance (its amounts are uint160). */
    static final BigInteger MAX_UINT160 = BigInteger.TWO.pow(160).subtract(BigInteger.ONE);
    /** From here on an allowance is as good as unlimited, whatever the exact number. */
    static final BigInteger UNLIMITED_FROM = BigInteger.TWO.pow(255);

    private TransactionPatterns() {
    }

    /** What the transaction did: its approvals (first, as the security-relevant part) and its body. */
    record Recognised(List<Approval> approvals, Body body) {
    }

    /** The main story of the transaction. */
    sealed interface Body permits Failed, Swap, Movements {
    }

    /**
     * A transaction a watched address sent that failed: it tried to send {@code value} (wei) to {@code to} (null: a
     * contract deployment) and still paid {@code feeWei} (empty when not known).
     */
    record Failed(String sender, String to, BigInteger value, Optional<BigInteger> feeWei) implements Body {
    }

    /**
     * {@code watched} sent one asset ({@code out}) and received another ({@code in}); {@code via} is the router or
     * pool (the counterparty, or the transaction's recipient). The legs carry the net amounts.
     */
    record Swap(String watched, AlertMovement out, AlertMovement in, String via) implements Body {
    }

    /** The movements in their order, zero nets left out; empty when the transaction only approved. */
    record Movements(List<AlertMovement> movements) implements Body {
    }

    /**
     * One allowance: {@code granted} false when revoked; {@code unlimited} when the amount is the maximum (or above
     * 2^255); {@code amount} for ERC-20 and Permit2.
     */
    record Approval(TokenApproval source, boolean granted, boolean unlimited, Optional<BigInteger> amount) {
    }

    static Recognised recognise(Alert alert) {
        Set<String> watched = watched(alert);
        List<Approval> approvals = alert.getApprovals().stream().filter(a -> watched.contains(lower(a.getOwner())))
                .map(TransactionPatterns::approval).toList();
        List<AlertMovement> movements = alert.getMovements().stream().filter(m -> !isZero(m)).toList();
        if (alert.getTxStatus() == TxStatus.FAILED && watched.contains(lower(alert.getFrom()))) {
            return new Recognised(approvals, new Failed(alert.getFrom(), alert.getTo(), integer(alert.getAmount())
                    .orElse(BigInteger.ZERO),
                    Optional.ofNullable(alert.getFeeWei()).flatMap(
                            TransactionPatterns::integer)));
        }
        return new Recognised(approvals, swap(alert, movements).<Body>map(s -> s).orElseGet(() -> new Movements(
                movements)));
    }

    /** The alert's watched addresses in lower case; the alert's own {@code watched} when it lists none. */
    static Set<String> watched(Alert alert) {
        Set<String> watched = new LinkedHashSet<>();
        watched.add(lower(alert.getWatched()));
        for (WatchedAddress address : alert.getWatchedAddresses()) {
            watched.add(lower(address.getAddress()));
        }
        return watched;
    }

    static Approval approval(TokenApproval approval) {
        Optional<BigInteger> amount = Optional.ofNullable(approval.getAmount()).flatMap(
                TransactionPatterns::integer);
        boolean zero = amount.map(a -> a.signum() == 0).orElse(false);
        boolean granted = approval.getApproved() && !zero;
        boolean unlimited = granted && amount.map(a -> a.compareTo(UNLIMITED_FROM) >= 0 || switch (approval
                .getStandard()) {
            case ERC20 -> a.equals(MAX_UINT256);
            case PERMIT2 -> a.equals(MAX_UINT160);
            default -> false;
        }).orElse(false);
        return new Approval(approval, granted, unlimited, amount);
    }

    /** One watched address, one asset out and one other asset in (native and internal are the same asset). */
    private static Optional<Swap> swap(Alert alert, List<AlertMovement> movements) {
        if (movements.isEmpty() || movements.stream().map(m -> lower(m.getWatched())).distinct().count() != 1) {
            return Optional.empty();
        }
        Map<String, List<AlertMovement>> byAsset = new LinkedHashMap<>();
        for (AlertMovement movement : movements) {
            if (movement.getKind() == AlertKind.CONTRACT_CREATED) {
                return Optional.empty();
            }
            byAsset.computeIfAbsent(asset(movement), k -> new ArrayList<>()).add(movement);
        }
        if (byAsset.size() != 2) {
            return Optional.empty();
        }
        List<AlertMovement> nets = new ArrayList<>();
        for (List<AlertMovement> legs : byAsset.values()) {
            Optional<AlertMovement> net = net(legs);
            if (net.isEmpty()) {
                return Optional.empty();
            }
            nets.add(net.get());
        }
        Optional<AlertMovement> out = nets.stream().filter(m -> outgoing(m.getKind())).findFirst();
        Optional<AlertMovement> in = nets.stream().filter(m -> !outgoing(m.getKind())).findFirst();
        if (out.isEmpty() || in.isEmpty()) {
            return Optional.empty();
        }
        String via = Optional.ofNullable(out.get().getCounterparty()).or(() -> Optional.ofNullable(in.get()
                .getCounterparty())).orElse(alert.getTo());
        return Optional.of(new Swap(out.get().getWatched(), out.get(), in.get(), via));
    }

    /**
     * The net of one asset's movements as one movement (the first's kind family, the net direction and amount), empty
     * when it nets to zero or an amount is not one number (an ERC-1155 batch of several ids).
     */
    private static Optional<AlertMovement> net(List<AlertMovement> legs) {
        if (legs.size() == 1) {
            return Optional.of(legs.get(0));
        }
        BigInteger sum = BigInteger.ZERO;
        for (AlertMovement leg : legs) {
            Optional<BigInteger> amount = integer(leg.getAmount());
            if (amount.isEmpty()) {
                return Optional.empty();
            }
            sum = outgoing(leg.getKind()) ? sum.subtract(amount.get()) : sum.add(amount.get());
        }
        if (sum.signum() == 0) {
            return Optional.empty();
        }
        AlertMovement first = legs.get(0);
        AlertKind kind = direction(first.getKind(), sum.signum() < 0);
        boolean sameCounterparty = legs.stream().map(AlertMovement::getCounterparty).distinct().count() == 1;
        return Optional.of(AlertMovement.newBuilder(first).setKind(kind).setAmount(sum.abs().toString())
                .setCounterparty(sameCounterparty ? first.getCounterparty() : null).build());
    }

    private static AlertKind direction(AlertKind kind, boolean out) {
        return switch (kind) {
            case NATIVE_IN, NATIVE_OUT, INTERNAL_IN, INTERNAL_OUT -> out ? AlertKind.NATIVE_OUT : AlertKind.NATIVE_IN;
            case TOKEN_IN, TOKEN_OUT -> out ? AlertKind.TOKEN_OUT : AlertKind.TOKEN_IN;
            case NFT_IN, NFT_OUT -> out ? AlertKind.NFT_OUT : AlertKind.NFT_IN;
            default -> kind;
        };
    }

    /** The asset a movement moves: the chain's coin, a token, or one NFT id (or batch) of a collection. */
    static String asset(AlertMovement movement) {
        return switch (movement.getKind()) {
            case NATIVE_IN, NATIVE_OUT, INTERNAL_IN, INTERNAL_OUT -> "native";
            case TOKEN_IN, TOKEN_OUT -> "token:" + lower(movement.getToken());
            case NFT_IN, NFT_OUT -> "nft:" + lower(movement.getToken()) + ":" + movement.getTokenId();
            default -> "other:" + movement.getLogIndex();
        };
    }

    static boolean outgoing(AlertKind kind) {
        return switch (kind) {
            case NATIVE_OUT, INTERNAL_OUT, TOKEN_OUT, NFT_OUT -> true;
            default -> false;
        };
    }

    /** A movement whose amount (every item of a batch) is zero moved nothing; a contract creation always counts. */
    static boolean isZero(AlertMovement movement) {
        if (movement.getKind() == AlertKind.CONTRACT_CREATED) {
            return false;
        }
        for (String part : movement.getAmount().split(",", -1)) {
            if (integer(part).map(a -> a.signum() != 0).orElse(true)) {
                return false;
            }
        }
        return true;
    }

    static Optional<BigInteger> integer(String raw) {
        try {
            return raw == null ? Optional.empty() : Optional.of(new BigInteger(raw.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String lower(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }
}
