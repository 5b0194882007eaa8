package io.chainwatch.matcher;

import static io.chainwatch.schema.Ascii.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.InternalTransfer;
import io.chainwatch.schema.TokenStandard;
import io.chainwatch.schema.TokenTransfer;

/**
 * Value moving from one address to another inside a transaction, with lower-case addresses.
 *
 * @param kinds which alert kinds the two sides get
 * @param index log index (tokens), trace index (internal) or -1 (the transaction's own value)
 * @param to receiver; {@code null} only for a transaction without receiver
 * @param amount raw integer amount; of a merged ERC-1155 batch, the sum of its items (for filters and zero checks)
 * @param tokenId the token id; of a merged batch, the items' ids, comma-separated
 * @param batchAmounts of a merged batch, the items' amounts, comma-separated in the order of {@code tokenId}: what
 *            the alert carries, since amounts of different ids do not add up to anything a person can read; else null
 */
record Movement(Kinds kinds, int index, String from, String to, BigInteger amount, String token, String tokenId,
        String batchAmounts) {

    /** Several ERC-1155 batch items merged into this one. */
    boolean batch() {
        return batchAmounts != null;
    }

    /** The amount an alert shows: the raw integer, or a batch's item amounts. */
    String alertAmount() {
        return batch() ? batchAmounts : amount.toString();
    }

    /** The alert kinds of the receiving and the sending side. */
    enum Kinds {
        NATIVE(AlertKind.NATIVE_IN, AlertKind.NATIVE_OUT), TOKEN(AlertKind.TOKEN_IN, AlertKind.TOKEN_OUT), NFT(
                AlertKind.NFT_IN, AlertKind.NFT_OUT), INTERNAL(AlertKind.INTERNAL_IN, AlertKind.INTERNAL_OUT);

        final AlertKind in;
        final AlertKind out;

        Kinds(AlertKind in, AlertKind out) {
            this.in = in;
            this.out = out;
        }
    }

    /** The transaction's own value; a deployment's value goes to the created contract. */
    static Movement nativeValue(ChainTransaction tx, BigInteger value) {
        return new Movement(Kinds.NATIVE, -1, lower(tx.getFrom()), nativeReceiver(tx), value, null, null, null);
    }

    /** Who receives the transaction's own value, lower case: its receiver, or the contract it creates; else null. */
    static String nativeReceiver(ChainTransaction tx) {
        return lower(tx.getTo() != null ? tx.getTo() : tx.getContractCreated());
    }

    static Movement internal(InternalTransfer transfer, BigInteger value) {
        return new Movement(Kinds.INTERNAL, transfer.getTraceIndex(), lower(transfer.getFrom()), lower(transfer
                .getTo()), value, null, null, null);
    }

    /** Token transfers in log order, the items of one ERC-1155 batch log merged (they would share an alert id). */
    static List<Movement> tokenMovements(List<TokenTransfer> transfers) {
        Map<String, List<TokenTransfer>> byLog = new LinkedHashMap<>();
        for (TokenTransfer t : transfers) {
            String key = t.getLogIndex() + "|" + lower(t.getFrom()) + "|" + lower(t.getTo()) + "|" + lower(t
                    .getToken());
            byLog.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        List<Movement> movements = new ArrayList<>();
        for (List<TokenTransfer> items : byLog.values()) {
            TokenTransfer first = items.get(0);
            Kinds kinds = first.getStandard() == TokenStandard.ERC20 ? Kinds.TOKEN : Kinds.NFT;
            if (items.size() == 1) {
                movements.add(new Movement(kinds, first.getLogIndex(), lower(first.getFrom()), lower(first.getTo()),
                        amount(first.getAmount()), lower(first.getToken()), first.getTokenId(), null));
            } else {
                BigInteger sum = items.stream().map(t -> amount(t.getAmount())).reduce(BigInteger.ZERO,
                        BigInteger::add);
                String ids = String.join(",", items.stream().map(t -> String.valueOf(t.getTokenId())).toList());
                String amounts = String.join(",", items.stream().map(t -> amount(t.getAmount()).toString()).toList());
                movements.add(new Movement(kinds, first.getLogIndex(), lower(first.getFrom()), lower(first.getTo()),
                        sum, lower(first.getToken()), ids, amounts));
            }
        }
        return movements;
    }

    /** A decimal amount; a malformed one counts as zero rather than failing the whole block. */
    static BigInteger amount(String decimal) {
        if (decimal == null || decimal.isBlank()) {
            return BigInteger.ZERO;
        }
        try {
            return new BigInteger(decimal.strip());
        } catch (NumberFormatException e) {
            return BigInteger.ZERO;
        }
    }
}
