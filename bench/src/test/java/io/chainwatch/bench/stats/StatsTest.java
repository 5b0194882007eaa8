package io.chainwatch.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chainwatch.bench.stats.Trend.Point;
import io.chainwatch.bench.stats.Windows.Timed;

class StatsTest {

    @Test
    void percentilesAreNearestRank() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add((double) i);
        }
        assertThat(Percentiles.of(values, 0.5)).isEqualTo(50);
        assertThat(Percentiles.of(values, 0.99)).isEqualTo(99);
        assertThat(Percentiles.of(values, 1.0)).isEqualTo(100);
        assertThat(Percentiles.of(List.of(), 0.5)).isNaN();
    }

    @Test
    void aPerfectLineHasItsSlopeAndNoError() {
        Trend trend = Trend.fit(List.of(new Point(0, 1), new Point(1, 3), new Point(2, 5), new Point(3, 7)));
        assertThat(trend.slope()).isCloseTo(2, within(1e-9));
        assertThat(trend.intercept()).isCloseTo(1, within(1e-9));
        assertThat(trend.slopeStdError()).isCloseTo(0, within(1e-9));
        assertThat(trend.significantlyPositive()).isTrue();
        assertThat(trend.indistinguishableFromZero()).isFalse();
    }

    @Test
    void noiseAroundAFlatLineIsIndistinguishableFromZero() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            points.add(new Point(i, 100 + (i % 2 == 0 ? 3 : -3)));
        }
        Trend trend = Trend.fit(points);
        assertThat(trend.slope()).isCloseTo(0, within(0.05));
        assertThat(trend.indistinguishableFromZero()).isTrue();
        assertThat(Verdict.flat("flat", trend, "MB/h").met()).isTrue();
    }

    @Test
    void theStandardErrorIsTheTextbookOne() {
        // y = x + e with residuals (+1, -1, -1, +1): ssr 4, sxx 5 → se = sqrt(4 / 2 / 5)
        Trend trend = Trend.fit(List.of(new Point(0, 1), new Point(1, 0), new Point(2, 1), new Point(3, 4)));
        assertThat(trend.slopeStdError()).isCloseTo(Math.sqrt(4.0 / 2 / 5), within(1e-9));
        assertThat(trend.halfWidth95()).isCloseTo(4.303 * trend.slopeStdError(), within(1e-9));
    }

    @Test
    void tooFewPointsTellNothing() {
        assertThat(Trend.fit(List.of(new Point(0, 1))).slope()).isNaN();
        assertThat(Verdict.flat("flat", Trend.fit(List.of(new Point(0, 1), new Point(1, 2))), "MB/h").met())
                .isFalse();
    }

    @Test
    void windowsSummariseEachMinute() {
        List<Timed> values = List.of(new Timed(1, 10), new Timed(59, 30), new Timed(61, 100), new Timed(200, 5));
        List<Windows.Summary> windows = Windows.of(values, 60);
        assertThat(windows).extracting(Windows.Summary::startSeconds).containsExactly(0.0, 60.0, 180.0);
        assertThat(windows.get(0).count()).isEqualTo(2);
        assertThat(windows.get(0).p50()).isEqualTo(10);
        assertThat(windows.get(0).max()).isEqualTo(30);
        assertThat(Windows.trendPerHour(windows, Windows.Summary::p50).slope()).isNegative();
    }

    @Test
    void aLagThatClimbsFailsAndAJitteringOneDoesNot() {
        List<Point> climbing = new ArrayList<>();
        List<Point> jitter = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            climbing.add(new Point(i, 10.0 * i));
            jitter.add(new Point(i, i % 3));
        }
        assertThat(Verdict.notGrowing("lag", Trend.fit(climbing), 59, 50, "records", "min").met()).isFalse();
        assertThat(Verdict.notGrowing("lag", Trend.fit(jitter), 59, 50, "records", "min").met()).isTrue();
    }

    @Test
    void limitsAndZeros() {
        assertThat(Verdict.atMost("p50", 150, 150, "ms").met()).isTrue();
        assertThat(Verdict.atMost("p50", 151, 150, "ms").met()).isFalse();
        assertThat(Verdict.atMost("p50", Double.NaN, 150, "ms").met()).isFalse();
        assertThat(Verdict.zero("lost", 0).met()).isTrue();
        assertThat(Verdict.zero("lost", 2).met()).isFalse();
        assertThat(Verdict.allMet(List.of(Verdict.zero("a", 0), Verdict.zero("b", 1)))).isFalse();
    }
}
