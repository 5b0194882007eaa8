package io.chainwatch.bot.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.chainwatch.schema.WatchFilters;
import io.chainwatch.telegram.QuietHours;

/**
 * What a chat wants to hear about, chat-wide: which kinds of transfer in which direction, whether suspected spam is
 * hidden, and its quiet hours. Together with the per-chain minimum value it becomes the {@link WatchFilters} of every
 * watcher the chat owns ({@link #filters(BigInteger)}), so the matcher applies it. Immutable; every change is a pure
 * function returning a new value.
 *
 * @param quietHours null: none
 */
public record ChatPreferences(boolean nativeTransfers, boolean tokens, boolean nfts, boolean approvals,
        boolean incoming, boolean outgoing, boolean hideSpam, QuietHours quietHours) {

    /** Everything, loud, spam shown with its warning: what a chat that never used /settings gets. */
    public static final ChatPreferences DEFAULT = new ChatPreferences(true, true, true, true, true, true, false,
            null);

    /**
     * One switch of {@code /settings kinds}. Assets (native coin, tokens, NFTs) and directions (in, out) are two
     * dimensions: a transfer is heard when both its asset and its direction are on. Approvals (allowances the watched
     * address grants or revokes) have no direction; they count as an asset when kinds are listed.
     */
    public enum Kind {
        NATIVE(false, "native", "coin", "coins"), TOKENS(false, "tokens", "token", "erc20"), NFTS(false, "nfts",
                "nft", "erc721", "erc1155"), APPROVALS(false, "approvals", "approval", "allowances"), IN(true, "in",
                        "incoming"), OUT(true, "out", "outgoing");

        public final boolean direction;
        final List<String> words;

        Kind(boolean direction, String... words) {
            this.direction = direction;
            this.words = List.of(words);
        }

        public static Optional<Kind> of(String word) {
            String w = word.toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (kind.words.contains(w)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public boolean has(Kind kind) {
        return switch (kind) {
            case NATIVE -> nativeTransfers;
            case TOKENS -> tokens;
            case NFTS -> nfts;
            case APPROVALS -> approvals;
            case IN -> incoming;
            case OUT -> outgoing;
        };
    }

    /** These preferences with each kind in {@code changes} switched on or off; the other kinds stay. */
    public ChatPreferences withKinds(Map<Kind, Boolean> changes) {
        return new ChatPreferences(changes.getOrDefault(Kind.NATIVE, nativeTransfers), changes.getOrDefault(
                Kind.TOKENS, tokens), changes.getOrDefault(Kind.NFTS, nfts),
                changes.getOrDefault(Kind.APPROVALS,
                        approvals),
                changes.getOrDefault(Kind.IN, incoming), changes.getOrDefault(Kind.OUT, outgoing),
                hideSpam, quietHours);
    }

    public ChatPreferences withHideSpam(boolean hide) {
        return new ChatPreferences(nativeTransfers, tokens, nfts, approvals, incoming, outgoing, hide, quietHours);
    }

    public ChatPreferences withQuietHours(QuietHours hours) {
        return new ChatPreferences(nativeTransfers, tokens, nfts, approvals, incoming, outgoing, hideSpam, hours);
    }

    /**
     * False when no alert could pass: no transfer (no asset or no direction left) and no approvals (the database
     * refuses that state too).
     */
    public boolean hearsSomething() {
        return (nativeTransfers || tokens || nfts) && (incoming || outgoing) || approvals;
    }

    /** As {@link #filters(BigInteger, BigDecimal)} without a dollar minimum. */
    public WatchFilters filters(BigInteger minNativeWei) {
        return filters(minNativeWei, null);
    }

    /**
     * The filters of a watcher of this chat on a chain with {@code minNativeWei} or {@code minUsd} (null: none; the
     * matcher applies the first, the notifier the second, since it knows prices); null when nothing is filtered, which
     * the matcher reads as "everything".
     */
    public WatchFilters filters(BigInteger minNativeWei, BigDecimal minUsd) {
        if (equals(DEFAULT) && minNativeWei == null && minUsd == null) {
            return null;
        }
        return WatchFilters.newBuilder().setNativeTransfers(nativeTransfers).setTokens(tokens).setNfts(nfts)
                .setApprovals(approvals)
                .setIncoming(incoming).setOutgoing(outgoing).setHideSpam(hideSpam).setMinNativeWei(
                        minNativeWei == null ? null : minNativeWei.toString())
                .setQuietHours(quietHours == null ? null : quietHours.text()).setMinUsd(minUsd == null
                        ? null
                        : minUsd.stripTrailingZeros().toPlainString())
                .build();
    }
}
