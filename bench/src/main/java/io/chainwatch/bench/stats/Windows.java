package io.chainwatch.bench.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-window summaries of timed values, e.g. block → Telegram latency per minute. */
public final class Windows {

    /** A value at a moment: {@code atSeconds} since the run's start. */
    public record Timed(double atSeconds, double value) {
    }

    /**
     * One window's summary.
     *
     * @param startSeconds the window's start since the run's start
     * @param count values in it
     */
    public record Summary(double startSeconds, int count, double p50, double p99, double max) {
    }

    private Windows() {
    }

    /** The values grouped into windows of {@code widthSeconds} from 0, in order; empty windows are left out. */
    public static List<Summary> of(List<Timed> values, double widthSeconds) {
        Map<Long, List<Double>> byWindow = new TreeMap<>();
        for (Timed t : values) {
            byWindow.computeIfAbsent((long) Math.floor(t.atSeconds() / widthSeconds), k -> new ArrayList<>()).add(t
                    .value());
        }
        List<Summary> out = new ArrayList<>();
        byWindow.forEach((window, list) -> out.add(new Summary(window * widthSeconds, list.size(), Percentiles.of(
                list, 0.5), Percentiles.of(list, 0.99), Percentiles.of(list, 1.0))));
        return out;
    }

    /** The trend of a per-window figure (e.g. p99) against the window's start, in units per hour. */
    public static Trend trendPerHour(List<Summary> windows, java.util.function.ToDoubleFunction<Summary> figure) {
        return Trend.fit(windows.stream().map(w -> new Trend.Point(w.startSeconds() / 3600.0, figure.applyAsDouble(
                w))).toList());
    }
}
