package io.chainwatch.bot.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Amounts of a chain's native coin as people write them ({@code 0.5}) and as the matcher compares them (wei, the
 * smallest unit). Pure.
 */
public final class NativeAmount {

    /** Largest minimum accepted, in whole coins: more than any native supply, so a typo cannot silence a chat. */
    public static final BigDecimal MAX_COINS = BigDecimal.TEN.pow(12);

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,40}(\\.[0-9]{0,40})?|\\.[0-9]{1,40}");

    private NativeAmount() {
    }

    /** What a typed amount is. */
    public sealed interface Parsed {
        /** A non-negative amount in whole coins. */
        record Amount(BigDecimal coins) implements Parsed {
        }

        record NotANumber() implements Parsed {
        }

        record Negative() implements Parsed {
        }

        /** {@code 0,5}: a comma where the bot needs a dot. */
        record Comma() implements Parsed {
        }

        /** More decimal places than the coin has. */
        record TooPrecise(int decimals) implements Parsed {
        }

        record TooLarge() implements Parsed {
        }
    }

    /** Reads {@code text} as an amount of a coin with {@code decimals} decimal places. */
    public static Parsed parse(String text, int decimals) {
        if (text.startsWith("-") && text.length() > 1 && parse(text.substring(1), decimals) instanceof Parsed.Amount) {
            return new Parsed.Negative();
        }
        if (text.indexOf(',') >= 0 && DECIMAL.matcher(text.replace(',', '.')).matches() && text.indexOf(',') == text
                .lastIndexOf(',')) {
            return new Parsed.Comma();
        }
        if (!DECIMAL.matcher(text).matches()) {
            return new Parsed.NotANumber();
        }
        BigDecimal coins = new BigDecimal(text.startsWith(".") ? "0" + text : text).stripTrailingZeros();
        if (coins.scale() > decimals) {
            return new Parsed.TooPrecise(decimals);
        }
        if (coins.compareTo(MAX_COINS) > 0) {
            return new Parsed.TooLarge();
        }
        return new Parsed.Amount(coins.signum() == 0 ? BigDecimal.ZERO : coins);
    }

    /** {@code coins} in the smallest unit; exact because {@link #parse} refused more decimals than the coin has. */
    public static BigInteger toWei(BigDecimal coins, int decimals) {
        return coins.movePointRight(decimals).toBigIntegerExact();
    }

    /** {@code 500000000000000000} wei with 18 decimals: {@code 0.5}. */
    public static String format(BigInteger wei, int decimals) {
        return new BigDecimal(wei).movePointLeft(decimals).stripTrailingZeros().toPlainString();
    }
}
