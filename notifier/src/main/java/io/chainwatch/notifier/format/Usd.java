package io.chainwatch.notifier.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * A dollar value as people read it beside an amount: {@code ≈ $5,112} from $100 up (cents are noise there),
 * {@code ≈ $12.34} below, {@code ≈ < $0.01} for dust. Pure.
 */
public final class Usd {

    private static final BigDecimal WHOLE_DOLLARS_FROM = BigDecimal.valueOf(100);
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);

    private Usd() {
    }

    /** {@code $5,112}, {@code $12.34}, {@code < $0.01} or {@code $0}. */
    public static String format(BigDecimal usd) {
        BigDecimal value = usd.abs();
        if (value.signum() == 0) {
            return "$0";
        }
        if (value.compareTo(CENT) < 0) {
            return "< $0.01";
        }
        boolean whole = value.setScale(2, RoundingMode.HALF_UP).compareTo(WHOLE_DOLLARS_FROM) >= 0;
        DecimalFormat format = new DecimalFormat(whole ? "#,##0" : "#,##0.00", US);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return "$" + format.format(value);
    }

    /** {@code  (≈ $5,112)}, to follow an amount. */
    static String suffix(BigDecimal usd) {
        return " (≈ " + Html.escape(format(usd)) + ")";
    }
}
