package io.chainwatch.matcher;

import java.math.BigInteger;

import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.WatchFilters;

/** A watch's filters ({@link WatchFilters}) applied to one alert kind and amount. Pure. */
final class AlertFilters {

    private AlertFilters() {
    }

    /**
     * Whether a watch with {@code filters} wants an alert of {@code kind} moving {@code amount}. {@code null} filters
     * let everything through; {@code TX_MINED} is always wanted (the chat asked for that very transaction);
     * {@code CONTRACT_CREATED} counts as outgoing; {@code minNativeWei} applies to native and internal transfers.
     */
    static boolean allows(WatchFilters filters, AlertKind kind, BigInteger amount) {
        if (filters == null || kind == AlertKind.TX_MINED) {
            return true;
        }
        boolean incoming = switch (kind) {
            case NATIVE_IN, TOKEN_IN, NFT_IN, INTERNAL_IN -> true;
            default -> false;
        };
        if (incoming ? !filters.getIncoming() : !filters.getOutgoing()) {
            return false;
        }
        return switch (kind) {
            case NATIVE_IN, NATIVE_OUT, INTERNAL_IN, INTERNAL_OUT -> filters.getNativeTransfers() && atLeast(filters
                    .getMinNativeWei(), amount);
            case TOKEN_IN, TOKEN_OUT -> filters.getTokens();
            case NFT_IN, NFT_OUT -> filters.getNfts();
            default -> true;
        };
    }

    /** Whether a watch with {@code filters} wants to hear about the allowances its address grants or revokes. */
    static boolean allowsApprovals(WatchFilters filters) {
        return filters == null || filters.getApprovals();
    }

    /** Whether spam-flagged alerts are hidden from this watch. */
    static boolean hidesSpam(WatchFilters filters) {
        return filters != null && filters.getHideSpam();
    }

    private static boolean atLeast(String minWei, BigInteger amount) {
        if (minWei == null || minWei.isBlank()) {
            return true;
        }
        return amount.compareTo(Movement.amount(minWei)) >= 0;
    }
}
