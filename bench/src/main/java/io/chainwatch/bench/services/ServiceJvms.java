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
     * The Docker image's {@code JAVA_OPTS} with the JVM told it has 256 MB, as in a container limited to 256 MB:
     * maximum heap 50% (128 MB), as the image sets it, initial heap 1/64 (4 MB). Without {@code MaxRAM} this host's
     * RAM would set the initial heap, and an initial heap of 1/64 of a large host is clamped to {@code -Xmx}: the
     * whole heap committed from the start, which no container sees.
     */
    public static final String SERVICE_JVM_OPTIONS = "-XX:MaxRAM=256m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC";
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

    /** Whitespace-separated JVM flags as a list. */
    public static List<String> options(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }

    /**
     * Starts {@code main} as service {@code service} (one of {@link #SERVICES}) with {@code env}, its own data
     * directory and HTTP port, and the other services switched off.
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
        return new Launched(name, JvmProcess.start(name, main, own, options), port, dataDir);
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
