package io.chainwatch.bench.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.chainwatch.config.EnvNames;
import io.chainwatch.testsupport.JvmProcess;

/**
 * Starts a service in its own JVM with the whole classpath (a service image holds only its module) and the other
 * services' beans switched off, as in {@code ScaleOutIT}; waits for its {@code /health}.
 */
public final class ServiceJvms {

    /**
     * The Docker image's {@code JAVA_OPTS} (deploy/docker/Dockerfile) with the JVM told it has 256 MB, as in a
     * container limited to 256 MB; the heap's share of it is per service, see {@link #heapPercent}. Without
     * {@code MaxRAM} this host's RAM would set the initial heap, and an initial heap of 1/64 of a large host is clamped
     * to {@code -Xmx}: the whole heap committed from the start, which no container sees. What each of the image's
     * flags buys is explained in the Dockerfile; in short: Serial GC (one GC thread, no remembered sets), the heap
     * given back after a full GC once more than 40 % of it is free and grown only to 20 % free
     * ({@code Min/MaxHeapFreeRatio}, the defaults 40 / 70 keep a heap that grew in a burst), glibc's free memory (C2's
     * compiler arenas, RocksDB's and Netty's freed blocks) returned every 5 s ({@code TrimNativeHeapInterval}), and two
     * compiler threads however many cores the host has.
     */
    public static final String SERVICE_JVM_OPTIONS = "-XX:MaxRAM=256m -XX:+UseSerialGC -XX:MinHeapFreeRatio=20"
            + " -XX:MaxHeapFreeRatio=40 -XX:TrimNativeHeapInterval=5000 -XX:CICompilerCount=2";
    /**
     * The heap's share of the container per service, the image's {@code HEAP_PERCENT} build argument
     * (docker-compose.yml): 50 % by default; 30 % (77 MB) for the matcher, whose RocksDB stores take
     * {@code MATCHER_ROCKSDB_MEMORY_MB} and more off the heap and whose live heap under mainnet load is 30–40 MB.
     */
    public static final Map<String, Integer> HEAP_PERCENT = Map.of("MATCHER", 30);
    /** The heap's share of the container for the services not in {@link #HEAP_PERCENT}. */
    public static final int DEFAULT_HEAP_PERCENT = 50;
    /**
     * The Docker image's environment for the native allocator: two malloc arenas instead of glibc's eight per core,
     * which the threads of RocksDB, Kafka clients and Netty otherwise each fill and keep.
     */
    public static final Map<String, String> SERVICE_NATIVE_ENV = Map.of("MALLOC_ARENA_MAX", "2");
    /** The RSS every service must stay within (the compose file's and the 256 MB). */
    public static final long SERVICE_TARGET_MB = 256;
    /** The switch names: {@code CHAINWATCH_<name>_ENABLED}. */
    public static final List<String> SERVICES = List.of("INGESTOR", "MATCHER", "NOTIFIER", "BOT");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * A started service.
     *
     * @param httpPort its {@code /health} and {@code /prometheus}
     * @param dataDir its own {@code CHAINWATCH_DATA_DIR}, deleted by the caller
     */
    public record Launched(String name, JvmProcess process, int httpPort, Path dataDir) {
    }

    private ServiceJvms() {
    }

    /** The heap's share of a container of {@code service} (one of {@link #SERVICES}), in percent. */
    public static int heapPercent(String service) {
        return HEAP_PERCENT.getOrDefault(service, DEFAULT_HEAP_PERCENT);
    }

    /**
     * The image's heap flags for {@code service}: {@code MinRAMPercentage} as well as {@code MaxRAMPercentage}, because
     * with 256 MB or less the JVM sizes the heap by {@code MinRAMPercentage} (50 by default, the share for "small"
     * machines): {@code -XX:MaxRAMPercentage=30} alone still gives a 256 MB container a 126 MB heap.
     */
    public static List<String> heapOptions(String service) {
        int percent = heapPercent(service);
        return List.of("-XX:MinRAMPercentage=" + percent, "-XX:MaxRAMPercentage=" + percent);
    }

    /** Whitespace-separated JVM flags as a list. */
    public static List<String> options(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }

    /**
     * Starts {@code main} as service {@code service} (one of {@link #SERVICES}) with {@code env}, its own data
     * directory and HTTP port, and the other services switched off; its JVM gets {@link #heapOptions} ahead of
     * {@code options}.
     */
    public static Launched launch(String name, Class<?> main, String service, Map<String, String> env,
            List<String> options) throws IOException {
        Map<String, String> own = new HashMap<>(env);
        for (String other : SERVICES) {
            own.put("CHAINWATCH_" + other + "_ENABLED", Boolean.toString(other.equals(service)));
        }
        Path dataDir = Files.createTempDirectory("chainwatch-bench-" + name);
        own.put(EnvNames.DATA_DIR, dataDir.toString());
        int port = freePort();
        own.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        // the service's heap share first, so that a MaxRAMPercentage among the caller's options still wins
        List<String> all = new ArrayList<>();
        all.addAll(heapOptions(service));
        all.addAll(options);
        return new Launched(name, JvmProcess.start(name, main, own, all), port, dataDir);
    }

    /** Waits until {@code process} answers 200 on {@code /health}; fails with its output's tail if it exits. */
    public static void awaitHealthy(String name, JvmProcess process, int httpPort, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited:\n" + tail(process.output()));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + httpPort + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + ":\n" + tail(process.output()));
    }

    /** The last 4,000 characters of a process's output. */
    public static String tail(String output) {
        return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it, as far as it can. */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
