package io.chainwatch.bench.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

/** A process read from the outside: {@code /proc/<pid>} and the service's own {@code /prometheus}. */
public final class ProcStats {

    /** Linux's {@code USER_HZ}: the unit of {@code utime} and {@code stime}, 100 on every mainstream kernel. */
    static final double CLOCK_TICKS_PER_SECOND = 100;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private ProcStats() {
    }

    /** {@code [VmRSS, RssAnon]} in kB, zeros when the process is gone. */
    public static long[] rss(long pid) {
        long[] values = new long[2];
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            lines.forEach(line -> {
                if (line.startsWith("VmRSS:")) {
                    values[0] = kb(line);
                } else if (line.startsWith("RssAnon:")) {
                    values[1] = kb(line);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // exited
        }
        return values;
    }

    /** CPU seconds (user + system) the process has used so far; NaN when it is gone. */
    public static double cpuSeconds(long pid) {
        try {
            return cpuSecondsOfStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** {@code utime + stime} of a {@code /proc/<pid>/stat} line, in seconds (the name may hold spaces: skip it). */
    static double cpuSecondsOfStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // after the name, field 3 (state) is index 0: utime is field 14, stime field 15
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
    }

    /** {@code [heap used, heap committed, non-heap used, non-heap committed]} in bytes from /prometheus. */
    public static double[] jvmMemory(int port) {
        double[] values = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        try {
            String body = prometheus(port);
            Arrays.fill(values, 0);
            for (String line : body.split("\n")) {
                int slot = line.startsWith("jvm_memory_used_bytes{")
                        ? 0
                        : line.startsWith("jvm_memory_committed_bytes{") ? 1 : -1;
                if (slot < 0) {
                    continue;
                }
                int area = line.contains("area=\"heap\"") ? 0 : 2;
                values[slot + area] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        } catch (IOException | RuntimeException e) {
            Arrays.fill(values, Double.NaN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    /** The body of {@code http://127.0.0.1:<port>/prometheus}. */
    public static String prometheus(int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prometheus")).timeout(
                Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
