package io.chainwatch.bench.stats;

import java.util.List;

/**
 * An ordinary least-squares line through points, with the slope's standard error and a two-sided 95 % confidence
 * interval (Student's t with n − 2 degrees of freedom). Samples taken every few seconds are autocorrelated, which
 * makes the interval narrower than it should be: a slope called "not zero" is a lead to follow, not a proof.
 *
 * @param slope units of y per unit of x
 * @param intercept y at x = 0
 * @param slopeStdError the slope's standard error; NaN with fewer than 3 points
 * @param n how many points
 */
public record Trend(double slope, double intercept, double slopeStdError, int n) {

    /** A point of a series: x (e.g. hours since the start) and y (e.g. MB). */
    public record Point(double x, double y) {
    }

    /** The least-squares fit of {@code points}; slope NaN with fewer than 2 points or all x equal. */
    public static Trend fit(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            return new Trend(Double.NaN, Double.NaN, Double.NaN, n);
        }
        double mx = points.stream().mapToDouble(Point::x).average().orElseThrow();
        double my = points.stream().mapToDouble(Point::y).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (Point p : points) {
            sxx += (p.x() - mx) * (p.x() - mx);
            sxy += (p.x() - mx) * (p.y() - my);
        }
        if (sxx == 0) {
            return new Trend(Double.NaN, Double.NaN, Double.NaN, n);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        if (n < 3) {
            return new Trend(slope, intercept, Double.NaN, n);
        }
        double ssr = 0;
        for (Point p : points) {
            double residual = p.y() - (intercept + slope * p.x());
            ssr += residual * residual;
        }
        return new Trend(slope, intercept, Math.sqrt(ssr / (n - 2) / sxx), n);
    }

    /** Half the width of the 95 % confidence interval of the slope; NaN when unknown. */
    public double halfWidth95() {
        return n < 3 ? Double.NaN : tQuantile975(n - 2) * slopeStdError;
    }

    public double low95() {
        return slope - halfWidth95();
    }

    public double high95() {
        return slope + halfWidth95();
    }

    /** Whether the 95 % interval contains 0; false when it is unknown (too few points say nothing). */
    public boolean indistinguishableFromZero() {
        return !Double.isNaN(halfWidth95()) && low95() <= 0 && high95() >= 0;
    }

    /** Whether the slope is positive beyond its 95 % interval. */
    public boolean significantlyPositive() {
        return !Double.isNaN(halfWidth95()) && low95() > 0;
    }

    /** The 97.5 % quantile of Student's t with {@code df} degrees of freedom (table, then the normal's 1.96). */
    static double tQuantile975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
                2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
                2.048, 2.045, 2.042};
        if (df < 1) {
            return Double.NaN;
        }
        if (df <= table.length) {
            return table[df - 1];
        }
        return df <= 60 ? 2.000 : df <= 120 ? 1.980 : 1.960;
    }
}
