package io.chainwatch.bot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.chainwatch.bot.track.TxStatus;
import io.chainwatch.schema.ChainPreset;

/**
 * What {@code /track} answers about a transaction, in Telegram HTML: a pure function of what the lookup found. Every
 * text names the chain and carries the full hash; what the chain wrote (a revert reason) is escaped.
 */
final class TrackTexts {

    private TrackTexts() {
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
        return Html.code(from) + " → " + to.map(Html::code).orElse("new contract")
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
