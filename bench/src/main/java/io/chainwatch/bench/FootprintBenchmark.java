package io.chainwatch.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.chainwatch.bench.services.ProcStats;
import io.chainwatch.bench.services.ServiceJvms;
import io.chainwatch.bench.services.Subscriptions;
import io.chainwatch.bot.app.BotApplication;
import io.chainwatch.config.EnvNames;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.ingestor.app.IngestorApplication;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.matcher.app.MatcherApplication;
import io.chainwatch.notifier.app.NotifierApplication;
import io.chainwatch.standalone.DevnetPipelineEnv;
import io.chainwatch.standalone.StandaloneLauncher;
import io.chainwatch.testsupport.JvmProcess;

/**
 * {@code bench/run footprint}: resident memory of each service in its own JVM, then of the standalone process, after
 * startup and under a steady load — 100,000 watched addresses, anvil mining a block every second, a few transactions
 * per second between ten watched dev accounts so alerts flow to the Bot API double, and a bot command every two
 * seconds. RSS is {@code VmRSS} of {@code /proc/<pid>/status} sampled every 2 s; heap and non-heap come from the
 * process's own {@code /prometheus} ({@code jvm_memory_used_bytes}, {@code jvm_memory_committed_bytes}). The baseline
 * is a JVM whose main only sleeps, started with the same flags; every figure is also shown minus that baseline.
 * <p>
 * Broker, database and anvil run in this (the benchmark's) process or their own, so only the services are measured.
 * Each service JVM gets the whole classpath (a service image holds only its module), with the other services'
 * beans switched off, as in {@code ScaleOutIT}.
 * <p>
 * System properties: {@code subscriptions} (100000), {@code loadSeconds} (60), {@code txPerSecond} (3),
 * {@code serviceJvmOptions} ({@value ServiceJvms#SERVICE_JVM_OPTIONS}), {@code standaloneJvmOptions}
 * ({@value #STANDALONE_JVM_OPTIONS}, what {@code ./chainwatch up} uses), {@code part} (services, standalone or both),
 * {@code nmt} (false; true adds {@code -XX:NativeMemoryTracking=summary} and prints each process's committed memory by
 * category at the end of its load, to see what dominates — NMT itself costs a few MB).
 */
public final class FootprintBenchmark {

    static final String TOKEN = "123456:AAEchainwatchLocalTestToken00000000";
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    /** The default {@code CHAINWATCH_JAVA_OPTS} of {@code ./chainwatch}. */
    static final String STANDALONE_JVM_OPTIONS = "-Xms128m -Xmx768m -XX:+UseSerialGC";
    static final long STANDALONE_TARGET_MB = 1024;
    static final long FIRST_CHAT = 7001;
    static final long COMMAND_CHAT = 9001;
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);
    static final Duration SETTLE = Duration.ofSeconds(10);

    /** One reading of a process; heap/non-heap figures are NaN when /prometheus did not answer. */
    record Sample(long rssKb, long rssAnonKb, double heapUsed, double heapCommitted, double nonHeapUsed,
            double nonHeapCommitted) {

        double rssMb() {
            return rssKb / 1024.0;
        }
    }

    /** A measured process: its startup reading and its readings under load. */
    static final class Measured {
        final String name;
        final JvmProcess process;
        final int httpPort;
        final long targetMb;
        final Measured baseline;
        volatile Sample startup;
        final List<Sample> load = Collections.synchronizedList(new ArrayList<>());

        Measured(String name, JvmProcess process, int httpPort, long targetMb, Measured baseline) {
            this.name = name;
            this.process = process;
            this.httpPort = httpPort;
            this.targetMb = targetMb;
            this.baseline = baseline;
        }

        Sample sample() {
            long[] rss = ProcStats.rss(process.pid());
            double[] memory = httpPort > 0
                    ? ProcStats.jvmMemory(httpPort)
                    : new double[]{Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN};
            return new Sample(rss[0], rss[1], memory[0], memory[1], memory[2], memory[3]);
        }
    }

    /** A JVM that does nothing: the baseline for what the JVM itself costs with the same flags. */
    public static final class IdleJvm {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // Kafka and Netty leave non-daemon threads behind
    }

    static void run() throws Exception {
        int subscriptions = Integer.getInteger("subscriptions", 100_000);
        int loadSeconds = Integer.getInteger("loadSeconds", 60);
        double txPerSecond = Double.parseDouble(System.getProperty("txPerSecond", "3"));
        List<String> serviceOptions = ServiceJvms
                .options(System.getProperty("serviceJvmOptions", ServiceJvms.SERVICE_JVM_OPTIONS));
        List<String> standaloneOptions = ServiceJvms.options(System.getProperty("standaloneJvmOptions",
                STANDALONE_JVM_OPTIONS));
        String part = System.getProperty("part", "services,standalone").toLowerCase(Locale.ROOT);
        if (Boolean.getBoolean("nmt")) {
            serviceOptions = Stream.concat(serviceOptions.stream(), Stream.of("-XX:NativeMemoryTracking=summary"))
                    .toList();
            standaloneOptions = Stream.concat(standaloneOptions.stream(), Stream.of(
                    "-XX:NativeMemoryTracking=summary")).toList();
        }
        String database = "chainwatch_footprint_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<Path> dirs = new ArrayList<>();
        List<Measured> report = new ArrayList<>();
        List<String> loadNotes = new ArrayList<>();

        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        List<JvmProcess> all = new ArrayList<>();
        List<AutoCloseable> infrastructure = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        try {
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary();
            infrastructure.add(0, kafka);
            AnvilNode anvil = AnvilNode.start(AnvilNode.options().blockTime(Duration.ofSeconds(1)));
            infrastructure.add(0, anvil);
            BotApiDouble telegram = BotApiDouble.start(TOKEN);
            infrastructure.add(0, telegram);
            KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers());
            TopicProvisioner.ensureAll(kafkaSettings);
            List<String> accounts = anvil.accounts();
            System.out.printf("loading %,d subscriptions (%d of them anvil's dev accounts, one chat each)…%n",
                    subscriptions, accounts.size());
            loadSubscriptions(kafkaSettings, subscriptions, accounts);

            Map<String, String> env = DevnetPipelineEnv.of(anvil.rpcUrl(), telegram.baseUrl(), TOKEN, kafka
                    .bootstrapServers(), PG + database);

            // baselines: an idle JVM with each set of flags, sampled alongside the services
            Measured idleService = new Measured("idle JVM, service flags", JvmProcess.start("idle-service",
                    IdleJvm.class, ServiceJvms.SERVICE_NATIVE_ENV, serviceOptions), 0, 0, null);
            Measured idleStandalone = new Measured("idle JVM, standalone flags", JvmProcess.start(
                    "idle-standalone", IdleJvm.class, Map.of(), standaloneOptions), 0, 0, null);
            all.add(idleService.process);
            all.add(idleStandalone.process);
            report.add(idleService);
            report.add(idleStandalone);

            if (part.contains("services")) {
                Map<String, String> serviceEnv = new HashMap<>(env);
                serviceEnv.putAll(ServiceJvms.SERVICE_NATIVE_ENV);
                List<Measured> services = new ArrayList<>();
                services.add(launch("block-ingestor", IngestorApplication.class, "INGESTOR", serviceEnv, serviceOptions,
                        idleService, dirs));
                services.add(launch("tx-matcher", MatcherApplication.class, "MATCHER", serviceEnv, serviceOptions,
                        idleService, dirs));
                services.add(launch("notifier", NotifierApplication.class, "NOTIFIER", serviceEnv, serviceOptions,
                        idleService, dirs));
                services.add(
                        launch("bot-frontend", BotApplication.class, "BOT", serviceEnv, serviceOptions, idleService,
                                dirs));
                services.forEach(m -> all.add(m.process));
                List<Measured> measured = new ArrayList<>(services);
                measured.add(idleService);
                loadNotes.add("services: " + phase(measured, anvil, accounts, telegram, sampler, loadSeconds,
                        txPerSecond));
                report.addAll(services);
                services.forEach(m -> m.process.close());
            }
            if (part.contains("standalone")) {
                Map<String, String> own = new HashMap<>(env);
                Path dataDir = Files.createTempDirectory("chainwatch-footprint-standalone");
                dirs.add(dataDir);
                int port = ServiceJvms.freePort();
                own.put(EnvNames.DATA_DIR, dataDir.toString());
                own.put("CHAINWATCH_HTTP_PORT", Integer.toString(port));
                Measured standalone = new Measured("standalone (all four)", JvmProcess.start("standalone",
                        StandaloneLauncher.class, own, standaloneOptions), port, STANDALONE_TARGET_MB,
                        idleStandalone);
                all.add(standalone.process);
                loadNotes.add("standalone: " + phase(List.of(standalone, idleStandalone), anvil, accounts, telegram,
                        sampler, loadSeconds, txPerSecond));
                report.add(standalone);
                standalone.process.close();
            }
            print(report, serviceOptions, standaloneOptions, subscriptions, loadSeconds, txPerSecond, loadNotes);
        } finally {
            sampler.shutdownNow();
            all.forEach(JvmProcess::close);
            for (AutoCloseable closeable : infrastructure) {
                closeable.close();
            }
            try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
            dirs.forEach(ServiceJvms::deleteQuietly);
        }
    }

    /** Starts one service in its own JVM with the other services' beans switched off (the classpath holds all). */
    static Measured launch(String name, Class<?> main, String service, Map<String, String> env, List<String> options,
            Measured baseline, List<Path> dirs) throws IOException {
        ServiceJvms.Launched launched = ServiceJvms.launch(name, main, service, env, options);
        dirs.add(launched.dataDir());
        return new Measured(name, launched.process(), launched.httpPort(), ServiceJvms.SERVICE_TARGET_MB, baseline);
    }

    /**
     * Waits until every process answers /health, lets it settle, takes the startup reading, then runs the load for
     * {@code loadSeconds} while sampling every 2 s. Returns a line on what flowed.
     */
    static String phase(List<Measured> measured, AnvilNode anvil, List<String> accounts, BotApiDouble telegram,
            ScheduledExecutorService sampler, int loadSeconds, double txPerSecond) throws Exception {
        long startedAt = System.nanoTime();
        for (Measured m : measured) {
            if (m.httpPort > 0) {
                awaitHealthy(m, Duration.ofSeconds(150));
            }
        }
        double startupSeconds = (System.nanoTime() - startedAt) / 1e9;
        Thread.sleep(SETTLE.toMillis()); // blocks keep coming; the matcher has restored the subscriptions
        measured.forEach(m -> m.startup = m.sample());
        System.out.printf("  healthy after %.0f s; startup RSS: %s%n", startupSeconds, String.join(", ", measured
                .stream().map(m -> String.format("%s %.0f MB", m.name, m.startup.rssMb())).toList()));

        int alertsBefore = alertMessages(telegram, accounts.size());
        int answersBefore = telegram.messagesTo(COMMAND_CHAT).size();
        var sampling = sampler.scheduleAtFixedRate(() -> measured.forEach(m -> {
            if (m.process.isAlive()) {
                m.load.add(m.sample());
            }
        }), 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        long interval = (long) (1000 / txPerSecond);
        long end = System.nanoTime() + Duration.ofSeconds(loadSeconds).toNanos();
        int sent = 0;
        long nextCommand = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            int from = sent % accounts.size();
            anvil.sendEth(accounts.get(from), accounts.get((from + 1) % accounts.size()), BigInteger.valueOf(1000
                    + sent));
            sent++;
            if (t0 >= nextCommand) {
                telegram.userSends(COMMAND_CHAT, "/list");
                nextCommand = t0 + SAMPLE_EVERY.toNanos();
            }
            Thread.sleep(Math.max(0, interval - (System.nanoTime() - t0) / 1_000_000));
        }
        sampling.cancel(false);
        if (Boolean.getBoolean("nmt")) {
            measured.stream().filter(m -> m.httpPort > 0).forEach(FootprintBenchmark::printNativeMemory);
        }
        Thread.sleep(2000); // the last block's alerts
        int alerts = alertMessages(telegram, accounts.size()) - alertsBefore;
        measured.stream().filter(m -> !m.process.isAlive()).forEach(m -> System.out.printf(
                "  %s DIED; its output:%n%s%n", m.name, ServiceJvms.tail(m.process.output())));
        return String.format("%d transactions in %d s, %d alert messages delivered, %d bot commands answered", sent,
                loadSeconds, alerts, telegram.messagesTo(COMMAND_CHAT).size() - answersBefore);
    }

    /** The committed figures of {@code jcmd <pid> VM.native_memory summary}, largest first. */
    static void printNativeMemory(Measured m) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(m.process.pid()),
                    "VM.native_memory", "summary", "scale=MB").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            Matcher category = Pattern.compile(
                    "(?m)^-\\s+(.+?)\\s+\\(reserved=\\d+MB, committed=(\\d+)MB\\)").matcher(out);
            Matcher total = Pattern.compile("Total: reserved=\\d+MB, committed=(\\d+)MB")
                    .matcher(out);
            List<Map.Entry<String, Integer>> categories = new ArrayList<>();
            while (category.find()) {
                categories.add(Map.entry(category.group(1).trim(), Integer.parseInt(category.group(2))));
            }
            categories.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
            Sample now = m.sample();
            int committed = total.find() ? Integer.parseInt(total.group(1)) : 0;
            System.out.printf("  NMT %s: RSS %.0f MB (anonymous %.0f MB); JVM-tracked committed %d MB — %s; "
                    + "not tracked by the JVM (native libraries such as RocksDB, malloc arenas), RSS minus "
                    + "tracked: %.0f MB%n", m.name, now.rssMb(), now.rssAnonKb() / 1024.0, committed,
                    String.join(
                            ", ", categories.stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e
                                    .getValue()).toList()),
                    now.rssMb() - committed);
        } catch (IOException e) {
            System.out.printf("  NMT %s: %s%n", m.name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int alertMessages(BotApiDouble telegram, int chats) {
        int n = 0;
        for (int i = 0; i < chats; i++) {
            n += (int) telegram.messagesTo(FIRST_CHAT + i).stream().filter(m -> !m.edit()).count();
        }
        return n;
    }

    static void awaitHealthy(Measured m, Duration timeout) throws InterruptedException {
        ServiceJvms.awaitHealthy(m.name, m.process, m.httpPort, timeout);
    }

    /** 100,000 subscriptions as the bot's outbox would publish them; anvil's accounts watched by one chat each. */
    static void loadSubscriptions(KafkaSettings settings, int count, List<String> accounts)
            throws InterruptedException {
        List<Subscriptions.Watch> watches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean real = i < accounts.size();
            String address = real ? accounts.get(i) : MatchBenchmark.address(i);
            long chat = real ? FIRST_CHAT + i : 1_000_000 + i % 50_000;
            watches.add(new Subscriptions.Watch("devnet", address, chat, i + 1));
        }
        Subscriptions.publish(settings, "bench-footprint-subs", watches);
    }

    static double max(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    static double avg(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    static final double MB = 1024.0 * 1024.0;

    static void print(List<Measured> report, List<String> serviceOptions, List<String> standaloneOptions,
            int subscriptions, int loadSeconds, double txPerSecond, List<String> notes) {
        System.out.printf("%nFootprint: %,d watched addresses, a block every second, %.0f tx/s for %d s, RSS every "
                + "%d s%n", subscriptions, txPerSecond, loadSeconds, SAMPLE_EVERY.toSeconds());
        System.out.printf("service flags: %s%nstandalone flags: %s%n", String.join(" ", serviceOptions), String.join(
                " ", standaloneOptions));
        notes.forEach(n -> System.out.println("load, " + n));
        System.out.println();
        System.out.println("| process | RSS after startup | RSS peak under load | RSS average under load "
                + "| minus idle JVM (startup / peak / avg) | target | heap used / committed, peak "
                + "| non-heap used, peak | verdict |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Map<String, Measured> ordered = new LinkedHashMap<>();
        report.stream().sorted(Comparator.comparing(m -> m.baseline == null ? 0 : 1)).forEach(m -> ordered.put(
                m.name, m));
        for (Measured m : ordered.values()) {
            List<Sample> load = new ArrayList<>(m.load);
            double start = m.startup == null ? Double.NaN : m.startup.rssMb();
            double peak = max(load, Sample::rssMb);
            double average = avg(load, Sample::rssMb);
            String minus = "—";
            if (m.baseline != null) {
                double base = avg(m.baseline.load, Sample::rssMb);
                minus = String.format("%.0f / %.0f / %.0f MB", start - base, peak - base, average - base);
            }
            String target = m.targetMb > 0 ? m.targetMb + " MB" : "—";
            String verdict = m.targetMb == 0 ? "baseline" : peak <= m.targetMb ? "met" : "**not met**";
            System.out.printf("| %s | %.0f MB | %.0f MB | %.0f MB | %s | %s | %s | %s | %s |%n", m.name, start,
                    peak, average, minus, target, m.httpPort > 0
                            ? String.format("%.0f / %.0f MB", max(load,
                                    Sample::heapUsed) / MB, max(load, Sample::heapCommitted) / MB)
                            : "—",
                    m.httpPort > 0 ? String.format("%.0f MB", max(load, Sample::nonHeapUsed) / MB) : "—", verdict);
        }
    }

    private FootprintBenchmark() {
    }
}
