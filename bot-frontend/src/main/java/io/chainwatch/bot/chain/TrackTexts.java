package io.chainwatch.bot.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.chainwatch.bot.text.Html;
import io.chainwatch.bot.track.TrackPolicy;
import io.chainwatch.bot.track.Tracked;
import io.chainwatch.bot.track.Tracker;
import io.chainwatch.bot.track.TxStatus;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.schema.ChainPreset;
import io.chainwatch.schema.ChainPresets;

/**
 * What {@code /track} answers about a transaction, in Telegram HTML: a pure function of what the lookup found. Every
 * text names the chain and carries the full hash; what the chain wrote (a revert reason) is escaped.
 */
public final class TrackTexts {

    /** The last line of a story still going on. */
    private static final String KEEP_UP_TO_DATE = "\n<i>I will keep this message up to date.</i>";

    private TrackTexts() {
    }

    /**
     * The message of a tracked transaction's story as it stands: what happened to the transaction the chat asked
     * about (replaced, moved by a reorg) above what the nodes show now ({@code latest}, where they show it), or, where
     * they no longer do, what that means. Every phase's text differs, so the tracker edits the message exactly when
     * the story moves on.
     */
    /** The tracker's {@link Tracker.Story} for {@code chains}: {@link #tell} on the transaction's chain. */
    public static Tracker.Story story(List<ChainConfig> chains, TrackPolicy.Patience patience) {
        Map<String, ChainPreset> presets = chains.stream().collect(Collectors.toMap(ChainConfig::name,
                ChainConfig::preset));
        return new Tracker.Story() {
            @Override
            public String tell(Tracked tracked, Optional<TxStatus> latest) {
                return TrackTexts.tell(presets.get(tracked.chain()), tracked, latest, patience);
            }

            @Override
            public String stopped(Tracked tracked, String shown) {
                String story = shown == null ? "" : shown.replace(KEEP_UP_TO_DATE, "").stripTrailing() + "\n";
                String chain = ChainPresets.find(tracked.chain()).map(ChainPreset::displayName).orElse(tracked
                        .chain());
                return story + "⏹ This bot no longer follows <b>" + Html.escape(chain)
                        + "</b>, so this story stops here.";
            }
        };
    }

    static String tell(ChainPreset chain, Tracked t, Optional<TxStatus> latest, TrackPolicy.Patience patience) {
        String on = " on <b>" + Html.escape(chain.displayName()) + "</b>";
        StringBuilder out = new StringBuilder();
        t.replacement().ifPresent(r -> out.append(switch (r.how()) {
            case SPED_UP -> "⚡ <b>Sped up</b>: the wallet sent it again with a higher fee";
            case CANCELLED -> "🚫 <b>Cancelled</b>: the wallet replaced it with a transfer of nothing to itself";
            case REPLACED -> "🔁 <b>Replaced</b> by another transaction with the same nonce";
        }).append("\nWas: ").append(Html.code(t.hash())).append("\nNow:\n"));
        t.orphanedBlock().ifPresent(b -> out.append("↩️ Block ").append(ChainTexts.number(b)).append(
                " was orphaned by a reorg\n"));
        String nonce = t.sender().map(s -> " · nonce " + s.nonce()).orElse("");
        out.append(switch (t.phase()) {
            case LOOKING -> describe(chain, new TxStatus.Unknown(t.current()), patience.keepLooking());
            case PENDING, MINED, FINAL -> latest.filter(s -> !(s instanceof TxStatus.Unknown)).map(s -> describe(
                    chain, s, patience.keepLooking())).orElse("⏳ <b>Pending</b>" + on + "\n" + hash(chain,
                            t
                                    .current()));
            case GONE -> "⚠️ <b>Left the pool</b>" + on + ": no node has it now. If it does not come back within "
                    + minutes(patience.dropAfter()) + ", it was dropped.\n"
                    + t.sender().map(s -> movement(s.address(), t.to(), t.value(), chain)).orElse("") + nonce + "\n"
                    + hash(
                            chain, t.current());
            case DROPPED -> "🗑 <b>Dropped</b>" + on + ": it left the nodes' pool and did not come back, so it will "
                    + "not be mined and cost nothing" + t.sender().map(s -> "; nonce " + s.nonce() + " is free again")
                            .orElse("")
                    + ".\n" + hash(chain, t.current());
            case NOT_FOUND -> "🔎 <b>Not found</b>" + on + ": no node saw it in " + minutes(patience.keepLooking())
                    + ", so I stopped looking. Check the hash and the chain, then /track it again.\n" + hash(chain, t
                            .current());
            case REPLACED -> "🔁 <b>Replaced</b>" + on + ": another transaction of the sender used" + nonce.replace(
                    " · ", " ") + ", so this one will never be mined.\n" + hash(chain, t.current());
        });
        if (!t.phase().ended()) {
            out.append(KEEP_UP_TO_DATE);
        }
        return out.toString();
    }

    /**
     * @param keepLooking how long an unknown hash is looked for before it is reported as not found
     */
    static String describe(ChainPreset chain, TxStatus status, Duration keepLooking) {
        String on = " on <b>" + Html.escape(chain.displayName()) + "</b>";
        return switch (status) {
            case TxStatus.Mined m -> (m.succeeded()
                    ? "✅ <b>Succeeded</b>" + on
                    : "❌ <b>Failed</b>" + on + m
                            .revertReason().map(r -> ": " + Html.escape(r)).orElse(" (reverted)"))
                    + "\nBlock " + ChainTexts.number(m.block()) + " · " + confirmations(m) + "\n" + (m.succeeded()
                            ? "Fee paid: "
                            : "Fee paid, though it failed: ")
                    + coins(m.fee(), chain) + "\n" + movement(m.from(), m
                            .to(), m.value(), chain)
                    + "\n" + hash(chain, m.hash());
            case TxStatus.Pending p -> "⏳ <b>Pending</b>" + on + ": waiting in the nodes' pool, not mined yet\n"
                    + movement(p.from(), p.to(), p.value(), chain) + " · nonce " + p.nonce() + "\nFee offered: up to "
                    + ChainTexts.gwei(p.maxFeePerGas()) + " gwei per gas"
                    + p.maxPriorityFeePerGas().map(t -> " (tip " + ChainTexts.gwei(t)
                            + " gwei)").orElse("")
                    + "\n" + hash(chain, p.hash());
            case TxStatus.Unknown u -> "🔎 Not seen" + on + " yet — I will keep looking for " + minutes(keepLooking)
                    + ".\n" + hash(chain, u.hash());
        };
    }

    private static String confirmations(TxStatus.Mined m) {
        String count = m.confirmations() == 1
                ? "1 confirmation"
                : String.format(Locale.ROOT, "%,d confirmations", m
                        .confirmations());
        return count + (m.finalized() ? " · final" : " · not final yet");
    }

    private static String movement(String from, Optional<String> to, BigInteger value, ChainPreset chain) {
        return Html.address(from) + " → " + to.map(Html::address).orElse("new contract")
                + (value.signum() == 0 ? "" : " · " + coins(value, chain));
    }

    private static String hash(ChainPreset chain, String hash) {
        return chain.txUrl(hash).map(url -> "<a href=\"" + Html.escape(url) + "\">" + hash + "</a>").orElse(Html
                .code(hash));
    }

    /** An amount in the chain's coin, to 8 decimals at the most: {@code 0.00042 ETH}. */
    static String coins(BigInteger smallestUnits, ChainPreset chain) {
        BigDecimal coins = new BigDecimal(smallestUnits).movePointLeft(chain.nativeDecimals());
        BigDecimal shown = coins.setScale(Math.min(8, Math.max(0, coins.scale())), RoundingMode.HALF_UP);
        String text = shown.signum() == 0 && smallestUnits.signum() != 0
                ? "&lt;0.00000001"
                : shown
                        .stripTrailingZeros().toPlainString();
        return text + " " + Html.escape(chain.nativeSymbol());
    }

    private static String minutes(Duration d) {
        long minutes = Math.max(1, d.toMinutes());
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
