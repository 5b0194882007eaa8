package io.chainwatch.bench.soak;

import java.util.List;
import java.util.Locale;

import io.chainwatch.bench.stats.Trend.Point;

/** The run's HTML page: self-contained, line charts as inline SVG, no script. Pure (text in, text out). */
public final class SoakPage {

    /** A named line of a chart. */
    public record Series(String name, List<Point> points) {
    }

    /** A chart: its title, axis labels and lines. */
    public record Chart(String title, String xLabel, String yLabel, List<Series> series) {
    }

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#17becf", "#bcbd22"};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private SoakPage() {
    }

    /** The page: a title, the printed report as preformatted text, then the charts. */
    public static String html(String title, String report, List<Chart> charts) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(
                escape(title)).append(
                        "</title><style>body{font-family:sans-serif;margin:20px}"
                                + "pre{font-size:12px;background:#f6f6f6;padding:10px;overflow-x:auto}"
                                + "svg{border:1px solid #ddd;margin:10px 0}</style></head><body>\n<h1>")
                .append(escape(title)).append("</h1>\n");
        charts.forEach(c -> out.append(svg(c)).append('\n'));
        out.append("<pre>").append(escape(report)).append("</pre>\n</body></html>\n");
        return out.toString();
    }

    /** One chart as an SVG element. */
    static String svg(Chart chart) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = 0;
        for (Series s : chart.series()) {
            for (Point p : s.points()) {
                if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                    minX = Math.min(minX, p.x());
                    maxX = Math.max(maxX, p.x());
                    maxY = Math.max(maxY, p.y());
                }
            }
        }
        if (!Double.isFinite(minX)) {
            minX = 0;
            maxX = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.05;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" font-size=\"11\">", WIDTH,
                HEIGHT));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s"
                + "</text>", LEFT, escape(chart.title())));
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            double xv = minX + (maxX - minX) * i / 4.0;
            double x = LEFT + plotW * i / 4.0;
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, y, WIDTH - RIGHT, y, LEFT - 5,
                    y + 4, number(maxY * i / 4.0)));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x,
                    HEIGHT - BOTTOM + 15, number(xv)));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT
                + plotW / 2, HEIGHT - 5, escape(chart.xLabel())));
        out.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" "
                + "text-anchor=\"middle\">%s</text>", TOP + plotH / 2, TOP + plotH / 2, escape(chart.yLabel())));
        int legendX = LEFT + 10;
        for (int s = 0; s < chart.series().size(); s++) {
            Series series = chart.series().get(s);
            String color = COLORS[s % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (Point p : series.points()) {
                if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotW * (p.x() - minX) / (maxX
                            - minX), TOP + plotH - plotH * p.y() / maxY));
                }
            }
            out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
                    + "points=\"%s\"/>", color, points.toString().trim()));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>", legendX, TOP + 12
                    + 13 * s, color, escape(series.name())));
        }
        return out.append("</svg>").toString();
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
