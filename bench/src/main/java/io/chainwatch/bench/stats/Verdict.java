package io.chainwatch.bench.stats;

import java.util.List;
import java.util.Locale;

/**
 * One target of a benchmark and whether a run met it.
 *
 * @param target what was required, e.g. {@code bsc steady p99 ≤ 500 ms}
 * @param measured what the run measured, as printed
 * @param met whether the target was met; a figure that could not be measured (NaN) is not met
 */
public record Verdict(String target, String measured, boolean met) {

    /** {@code value ≤ limit}; NaN is not met. */
    public static Verdict atMost(String target, double value, double limit, String unit) {
        return new Verdict(target, format(value, unit), !Double.isNaN(value) && value <= limit);
    }

    /** {@code value == 0}. */
    public static Verdict zero(String target, long value) {
        return new Verdict(target, Long.toString(value), value == 0);
    }

    /**
     * A series that must not grow: not met when its slope is positive beyond the 95 % interval <em>and</em> the
     * fitted line rises by more than {@code slack} over the span (a lag of a few records that rises by one is noise,
     * not a backlog).
     *
     * @param span the x range the series covers, in the trend's x unit
     * @param xUnit the trend's x unit, e.g. {@code min}
     */
    public static Verdict notGrowing(String target, Trend trend, double span, double slack, String unit,
            String xUnit) {
        double rise = trend.slope() * span;
        boolean grows = trend.significantlyPositive() && rise > slack;
        String measured = Double.isNaN(trend.slope())
                ? "too few samples"
                : String.format(Locale.ROOT, "%+.1f %s over the run (slope 95%% CI %+.1f..%+.1f %s/%s)", rise,
                        unit, trend.low95(), trend.high95(), unit, xUnit);
        return new Verdict(target, measured, !Double.isNaN(trend.slope()) && !grows);
    }

    /** A slope whose 95 % interval contains zero; too few points to tell is not met. */
    public static Verdict flat(String target, Trend trend, String unit) {
        String measured = Double.isNaN(trend.halfWidth95())
                ? "too few samples"
                : String.format(Locale.ROOT, "%+.1f ± %.1f %s (95%%, n=%d)", trend.slope(), trend.halfWidth95(), unit,
                        trend.n());
        return new Verdict(target, measured, trend.indistinguishableFromZero());
    }

    /** Whether every verdict was met. */
    public static boolean allMet(List<Verdict> verdicts) {
        return verdicts.stream().allMatch(Verdict::met);
    }

    private static String format(double value, String unit) {
        return Double.isNaN(value) ? "not measured" : String.format(Locale.ROOT, "%.0f %s", value, unit);
    }
}
