package io.chainwatch.bot.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.chainwatch.bot.text.Html;
import io.chainwatch.config.ChainConfig;

/** The texts of {@code /gas} and of the coverage part of {@code /status}: pure functions, Telegram HTML. */
public final class ChainTexts {

    /** A chain this many blocks (or fewer) behind the node's head counts as keeping up. */
    static final long KEEPING_UP_BLOCKS = 5;
    /** Further behind than this is red. */
    static final long FAR_BEHIND_BLOCKS = 100;
    /** Without a head, a cursor younger than this is green, younger than {@link #STALE} yellow, older red. */
    static final Duration FRESH = Duration.ofMinutes(1);
    static final Duration STALE = Duration.ofMinutes(10);

    private static final BigDecimal SMALLEST_SHOWN = new BigDecimal("0.0001");

    private ChainTexts() {
    }

    public static String gas(ChainConfig chain, GasQuote quote) {
        String name = "⛽ <b>" + Html.escape(chain.preset().displayName()) + "</b>";
        return switch (quote) {
            case GasQuote.FeeMarket f -> name + " · block " + number(f.newestBlock()) + "\nBase fee: <b>" + gwei(f
                    .nextBaseFee()) + " gwei</b> for the next block" + trend(f) + "\nPriority fee (tip), median of"
                    + " the last " + f.blocks() + " blocks:\n🐢 " + gwei(f.slow()) + " · 🚶 " + gwei(f.standard())
                    + " · 🚀 " + gwei(f.fast()) + " gwei\nMax fee with the 🚶 tip: about <b>" + gwei(f
                            .suggestedMaxFee())
                    + " gwei</b> (2 × base fee + tip)";
            case GasQuote.GasPrice p -> name + "\nGas price: <b>" + gwei(p.gasPrice())
                    + " gwei</b> (this chain's nodes keep no fee history)";
        };
    }

    public static String nodesUnreachable(ChainConfig chain) {
        return "📡 Couldn't reach <b>" + Html.escape(chain.preset().displayName())
                + "</b> nodes right now. Please try again in a minute.";
    }

    /** The coverage lines of {@code /status}, one chain after the other. */
    public static String coverage(List<ChainCoverage.ChainStatus> chains, Instant now) {
        StringBuilder out = new StringBuilder("<b>Coverage</b>");
        for (ChainCoverage.ChainStatus status : chains) {
            out.append('\n').append(chainLine(status, now));
        }
        return out.toString();
    }

    static String chainLine(ChainCoverage.ChainStatus status, Instant now) {
        StringBuilder out = new StringBuilder();
        String name = "<b>" + Html.escape(status.chain().preset().displayName()) + "</b>";
        if (status.cursor().isEmpty()) {
            out.append("⚪ ").append(name).append(": no block processed yet");
        } else {
            CoverageSource.Cursor cursor = status.cursor().get();
            out.append(light(status, now)).append(' ').append(name).append(": block ").append(number(cursor.number()))
                    .append(", ").append(age(Duration.between(cursor.at(), now)));
            if (status.head().isPresent()) {
                long behind = Math.max(0, status.head().getAsLong() - cursor.number());
                out.append(behind == 0
                        ? ", at the head"
                        : ", " + behind + " block" + (behind == 1 ? "" : "s")
                                + " behind the head");
            } else {
                out.append(", head unknown (nodes not answering)");
            }
        }
        int confirmations = status.chatConfirmations() == null
                ? status.chain().confirmations()
                : status.chatConfirmations();
        out.append("\n    alerts after ").append(confirmations).append(" confirmation").append(confirmations == 1
                ? ""
                : "s").append(status.chatConfirmations() == null ? " (default)" : " (this chat)");
        return out.toString();
    }

    static String light(ChainCoverage.ChainStatus status, Instant now) {
        CoverageSource.Cursor cursor = status.cursor().orElseThrow();
        if (status.head().isPresent()) {
            long behind = status.head().getAsLong() - cursor.number();
            return behind <= KEEPING_UP_BLOCKS ? "🟢" : behind <= FAR_BEHIND_BLOCKS ? "🟡" : "🔴";
        }
        Duration age = Duration.between(cursor.at(), now);
        return age.compareTo(FRESH) <= 0 ? "🟢" : age.compareTo(STALE) <= 0 ? "🟡" : "🔴";
    }

    /** Gwei with sensible rounding: 1,235 · 123 · 12.3 · 1.25 · 0.052 · &lt;0.0001 · 0. */
    public static String gwei(BigInteger wei) {
        if (wei.signum() == 0) {
            return "0";
        }
        BigDecimal gwei = new BigDecimal(wei).movePointLeft(9);
        if (gwei.compareTo(SMALLEST_SHOWN) < 0) {
            return "&lt;0.0001";
        }
        BigDecimal rounded;
        if (gwei.compareTo(BigDecimal.valueOf(100)) >= 0) {
            return String.format(Locale.ROOT, "%,d", gwei.setScale(0, RoundingMode.HALF_UP).toBigInteger());
        } else if (gwei.compareTo(BigDecimal.TEN) >= 0) {
            rounded = gwei.setScale(1, RoundingMode.HALF_UP);
        } else if (gwei.compareTo(BigDecimal.ONE) >= 0) {
            rounded = gwei.setScale(2, RoundingMode.HALF_UP);
        } else {
            rounded = gwei.round(new MathContext(2, RoundingMode.HALF_UP));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    public static String number(long blockNumber) {
        return String.format(Locale.ROOT, "#%,d", blockNumber);
    }

    static String age(Duration age) {
        long seconds = age.toSeconds();
        if (seconds < 1) {
            return "just now";
        }
        if (seconds < 90) {
            return seconds + " s ago";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60.0) + " min ago";
        }
        if (seconds < 48 * 3600) {
            return Math.round(seconds / 3600.0) + " h ago";
        }
        return Math.round(seconds / 86400.0) + " d ago";
    }

    private static String trend(GasQuote.FeeMarket f) {
        if (f.oldestBaseFee().signum() == 0) {
            return "";
        }
        BigDecimal change = new BigDecimal(f.nextBaseFee().subtract(f.oldestBaseFee())).multiply(BigDecimal.valueOf(
                100)).divide(new BigDecimal(f.oldestBaseFee()), 0, RoundingMode.HALF_UP);
        int percent = change.intValue();
        if (percent == 0) {
            return " (steady over " + f.blocks() + " blocks)";
        }
        return " (" + (percent > 0 ? "↑ " : "↓ ") + Math.abs(percent) + "% over " + f.blocks() + " blocks)";
    }
}
