package io.chainwatch.bench.services;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pauses of a JVM's unified GC log ({@code -Xlog:gc:file=...}): Micrometer's {@code jvm_gc_pause_seconds} is a
 * summary without buckets (count, sum, max of the last minutes), from which no p99 can be read; the log has each one.
 */
public final class GcLog {

    /** {@code ... GC(12) Pause Young (Allocation Failure) 40M->12M(60M) 3.456ms}. */
    private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .*? (\\d+(?:\\.\\d+)?)ms\\s*$");

    private GcLog() {
    }

    /** The JVM flag that writes such a log to {@code file}. */
    public static String flag(java.nio.file.Path file) {
        return "-Xlog:gc:file=" + file + ":uptime";
    }

    /** Every pause of the log, in milliseconds, in order. */
    public static List<Double> pausesMillis(String log) {
        List<Double> pauses = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses.add(Double.parseDouble(m.group(1)));
            }
        }
        return pauses;
    }
}
