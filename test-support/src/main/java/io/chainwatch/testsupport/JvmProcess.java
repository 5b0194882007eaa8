package io.chainwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A chainwatch service in a child JVM with this JVM's classpath and the given environment, so tests can run several
 * instances as separate processes and {@linkplain #kill9() kill one with SIGKILL} mid-stream, as a crash would. Its
 * output goes to a log file named after it (kept for failed-test forensics).
 */
public final class JvmProcess implements AutoCloseable {

    /** The options of {@link #start(String, Class, Map)}: small heap, serial GC, C1 only (fast startup in tests). */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Process process;
    private final Path log;

    private JvmProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param name a name for logs, e.g. {@code matcher-1}
     * @param env environment variables added to this process's environment
     */
    public static JvmProcess start(String name, Class<?> mainClass, Map<String, String> env) {
        return start(name, mainClass, env, DEFAULT_JVM_OPTIONS);
    }

    /**
     * Starts {@code mainClass} in a new JVM with the given JVM options instead of {@link #DEFAULT_JVM_OPTIONS}, e.g.
     * the heap and GC flags a container runs a service with.
     *
     * @param name a name for logs, e.g. {@code matcher-1}
     * @param env environment variables added to this process's environment
     * @param jvmOptions options placed before {@code -cp}, e.g. {@code -Xmx160m}
     */
    public static JvmProcess start(String name, Class<?> mainClass, Map<String, String> env,
            List<String> jvmOptions) {
        try {
            Path log = Files.createTempFile("chainwatch-" + name + "-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass.getName());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new JvmProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "<no output: " + e.getMessage() + ">";
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    public void kill9() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    private void waitFor(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor(Duration.ofSeconds(20));
            if (process.isAlive()) {
                kill9();
            }
        }
    }
}
