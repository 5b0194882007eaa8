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
        try {
            Path log = Files.createTempFile("chainwatch-" + name + "-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx384m");
            command.add("-XX:+UseSerialGC");
            command.add("-XX:TieredStopAtLevel=1");
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
