package io.chainwatch.notifier.format;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import io.chainwatch.notifier.format.AlertFormatter.ChainView;
import io.chainwatch.notifier.format.TransactionPatterns.Failed;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.WatchedAddress;

/**
 * The lines of a transaction message (issue #16): a movement, an asset, the fee, what a failed
 * transaction tried. Every string from the alert is escaped and bounded. Thread-safe; pure apart from the lookups.
 */
final class TransactionLines {

    private final AlertFormatter formatter;
    private final AlertFormatter.TokenLookup tokens;
    private final AlertFormatter.Valuation valuation;

    TransactionLines(AlertFormatter formatter, AlertFormatter.TokenLookup tokens,
            AlertFormatter.Valuation valuation) {
        this.formatter = formatter;
        this.tokens = tokens;
        this.valuation = valuation;
    }

    /**
     * {@code 🪙 Received 3412.5 USDC (≈ $3,412; 0xA0b8…eB48) from <counterparty>}, with the watched address's name
     * when the message is about several, and the movement's own flags.
     */
    String movement(Alert alert, AlertMovement movement, ChainView chain, boolean severalWatched) {
        StringBuilder out = new StringBuilder(summary(alert, movement, chain));
        if (movement.getKind() == AlertKind.CONTRACT_CREATED) {
            if (movement.getCounterparty() != null) {
                out.append(": ").append(AlertFormatter.code(movement.getCounterparty()));
            }
        } else {
            out.append(TransactionPatterns.outgoing(movement.getKind()) ? " to " : " from ").append(
                    movement.getCounterparty() == null
                            ? "several addresses"
                            : counterparty(alert, movement
                                    .getCounterparty()));
        }
        if (severalWatched) {
            out.append(" · ").append(watchedName(alert, movement.getWatched()));
        }
        if (!movement.getFlags().isEmpty()) {
            List<String> flags = movement.getFlags().stream().limit(AlertFormatter.MAX_FLAGS).map(f -> Html.escape(f,
                    AlertFormatter.MAX_FLAG_CHARS)).toList();
            out.append(" 🚩 ").append(String.join(", ", flags));
        }
        return out.toString();
    }

    /** The movement without its counterparty: {@code ⬇️ Received 1.5 ETH (≈ $5,112)}. */
    String summary(Alert alert, AlertMovement movement, ChainView chain) {
        String verb = TransactionPatterns.outgoing(movement.getKind()) ? "Sent " : "Received ";
        return switch (movement.getKind()) {
            case NATIVE_IN, NATIVE_OUT -> (movement.getKind() == AlertKind.NATIVE_IN ? "⬇️ " : "⬆️ ") + verb + chain
                    .nativeAmount(movement.getAmount()) + usd(alert, movement);
            case INTERNAL_IN, INTERNAL_OUT -> (movement.getKind() == AlertKind.INTERNAL_IN ? "⬇️ " : "⬆️ ") + verb
                    + chain.nativeAmount(movement.getAmount()) + usd(alert, movement) + " (internal)";
            case TOKEN_IN, TOKEN_OUT -> "🪙 " + verb + token(alert, movement);
            case NFT_IN, NFT_OUT -> "🖼 " + verb + AlertFormatter.nft(movement.getAmount(), movement.getTokenId(),
                    contract(movement.getToken()));
            default -> "📜 Contract created";
        };
    }

    /** {@code 3412.5 USDC (≈ $3,412; 0xA0b8…eB48)}, or the raw amount and the contract. */
    private String token(Alert alert, AlertMovement movement) {
        Optional<TokenMetadata> metadata = metadata(alert, movement.getToken());
        String contract = contract(movement.getToken());
        if (metadata.isEmpty()) {
            return Html.escape(movement.getAmount(), AlertFormatter.MAX_AMOUNT_CHARS) + " units of token " + contract;
        }
        String value = valuation.usd(alert, movement).map(usd -> "≈ " + Html.escape(Usd.format(usd)) + "; ").orElse(
                "");
        return AlertFormatter.humanUnits(movement.getAmount(), metadata.get().decimals()) + " " + symbol(metadata
                .get()) + " (" + value + contract + ")";
    }

    /** An asset and amount as a swap's headline shows it: {@code 1 ETH}, {@code 3412.5 USDC}, {@code #7 of 0xabc…}. */
    String asset(Alert alert, AlertMovement movement, ChainView chain) {
        return switch (movement.getKind()) {
            case TOKEN_IN, TOKEN_OUT -> metadata(alert, movement.getToken()).map(m -> AlertFormatter.humanUnits(
                    movement.getAmount(), m.decimals()) + " " + symbol(m)).orElseGet(() -> Html.escape(
                            movement
                                    .getAmount(),
                            AlertFormatter.MAX_AMOUNT_CHARS) + " units of token "
                            + contract(movement
                                    .getToken()));
            case NFT_IN, NFT_OUT -> AlertFormatter.nft(movement.getAmount(), movement.getTokenId(), contract(movement
                    .getToken()));
            default -> chain.nativeAmount(movement.getAmount());
        };
    }

    /** {@code a call to <to> sending 1 ETH (≈ $3,400)}, {@code a call to <to>}, or a contract deployment. */
    String attempt(Alert alert, Failed failed, ChainView chain) {
        String sending = failed.value().signum() > 0
                ? " sending " + chain.nativeAmount(failed.value().toString()) + usd(alert, coin(alert, failed.value()))
                : "";
        return (failed.to() == null ? "to deploy a contract" : "a call to " + counterparty(alert, failed.to()))
                + sending;
    }

    /** {@code ⛽ Fee: 0.00042 ETH (≈ $1.40)}, or the fee a failed transaction still paid; empty when not known. */
    Optional<String> fee(Alert alert, boolean failed, ChainView chain) {
        return TransactionPatterns.integer(alert.getFeeWei()).map(fee -> (failed
                ? "Fee paid, though it failed: "
                : "⛽ Fee: ")
                + chain.nativeAmount(fee.toString()) + usd(alert, coin(alert, fee)));
    }

    /** A counterparty's line of a transaction of one movement: {@code From: <counterparty>}. */
    Optional<String> counterpartyLine(Alert alert, AlertMovement movement) {
        if (movement.getCounterparty() == null) {
            return Optional.empty();
        }
        if (movement.getKind() == AlertKind.CONTRACT_CREATED) {
            return Optional.of("Contract: " + AlertFormatter.code(movement.getCounterparty()));
        }
        return Optional.of((TransactionPatterns.outgoing(movement.getKind()) ? "To: " : "From: ") + counterparty(
                alert, movement.getCounterparty()));
    }

    /**
     * An address the transaction dealt with, in full, after its name: the chat's own label when it is one of the
     * chat's watched addresses, else the address book's name, else its verified ENS name.
     */
    String counterparty(Alert alert, String address) {
        for (WatchedAddress watched : alert.getWatchedAddresses()) {
            if (TransactionFormat.lower(watched.getAddress()).equals(TransactionFormat.lower(address))
                    && watched.getLabel() != null && !watched.getLabel().isBlank()) {
                return "🏷 " + Html.escape(watched.getLabel().strip(), AlertFormatter.MAX_LABEL_CHARS) + " "
                        + AlertFormatter.code(address);
            }
        }
        return formatter.named(alert, address);
    }

    String watchedName(Alert alert, String address) {
        for (WatchedAddress watched : alert.getWatchedAddresses()) {
            if (TransactionFormat.lower(watched.getAddress()).equals(TransactionFormat.lower(address))
                    && watched.getLabel() != null && !watched.getLabel().isBlank()) {
                return "🏷 " + Html.escape(watched.getLabel().strip(), AlertFormatter.MAX_LABEL_CHARS);
            }
        }
        return "👁 " + TransactionFormat.shortAddress(address);
    }

    Optional<TokenMetadata> metadata(Alert alert, String token) {
        return token == null ? Optional.empty() : tokens.find(alert.getChain(), token);
    }

    static String symbol(TokenMetadata metadata) {
        return Html.escape(metadata.symbol(), TokenMetadata.MAX_SYMBOL_CHARS);
    }

    static String contract(String token) {
        return token == null ? "an unknown contract" : AlertFormatter.shortContract(token);
    }

    private String usd(Alert alert, AlertMovement movement) {
        return valuation.usd(alert, movement).map(Usd::suffix).orElse("");
    }

    /** An amount of the chain's coin, as a movement, for its dollar value. */
    static AlertMovement coin(Alert alert, BigInteger wei) {
        return AlertMovement.newBuilder().setKind(AlertKind.NATIVE_OUT).setWatched(alert.getWatched()).setLogIndex(-1)
                .setCounterparty(null).setAmount(wei.toString()).setToken(null).setTokenId(null).setFlags(List.of())
                .build();
    }
}
