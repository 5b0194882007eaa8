package io.chainwatch.bench.stats;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles, as the other benchmarks report them. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code q} quantile (0..1, nearest rank) of {@code values}; NaN when there are none. */
    public static double of(Collection<Double> values, double q) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray(), q);
    }

    /** The {@code q} quantile (0..1, nearest rank) of {@code values}; NaN when there are none. */
    public static double of(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
