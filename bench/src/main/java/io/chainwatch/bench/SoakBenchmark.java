package io.chainwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chainwatch.bench.services.GcLog;
import io.chainwatch.bench.services.ProcStats;
import io.chainwatch.bench.services.ServiceJvms;
import io.chainwatch.bench.services.Subscriptions;
import io.chainwatch.bench.soak.AnvilChainLoad;
import io.chainwatch.bench.soak.ChainLoad;
import io.chainwatch.bench.soak.Deliveries;
import io.chainwatch.bench.soak.PipelineProbe;
import io.chainwatch.bench.soak.PipelineProbe.BlockId;
import io.chainwatch.bench.soak.ReplayChainLoad;
import io.chainwatch.bench.soak.Rhythm;
import io.chainwatch.bench.soak.SoakPage;
import io.chainwatch.bench.soak.WatchedAddresses;
import io.chainwatch.bench.stats.Percentiles;
import io.chainwatch.bench.stats.Trend;
import io.chainwatch.bench.stats.Trend.Point;
import io.chainwatch.bench.stats.Verdict;
import io.chainwatch.bench.stats.Windows;
import io.chainwatch.bench.stats.Windows.Timed;
import io.chainwatch.bot.app.BotApplication;
import io.chainwatch.config.EnvNames;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.ingestor.app.IngestorApplication;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.matcher.app.MatcherApplication;
import io.chainwatch.notifier.NotifierSettings;
import io.chainwatch.notifier.app.NotifierApplication;
import io.chainwatch.standalone.DevnetPipelineEnv;

/**
 * {@code bench/run soak}: the whole pipeline at mainnet pace for {@code minutes}. Each service runs in its own JVM
 * with the image's memory flags (as {@code bench/run footprint}), against an embedded broker, Postgres, Redis (the
 * notifier's ledger and shared budget, as in the compose file) and the Bot API double, with two chains configured as
 * the pipeline's {@code bsc} (chain id 56: a block every 0.45 s of 200 transactions, bursts of 2,000 tx/s for 10 s
 * every 5 minutes) and {@code ethereum} (chain id 1: 265 transactions every 12 s), both at 0 confirmations. The chains
 * run on the devkit's replay node by default ({@code -Dnode=replay}, {@link ReplayChainLoad}): in this JVM, blocks
 * appended at the rhythm's deadlines, the last 256 kept, new heads pushed over its websocket, so memory stays flat
 * for hours and no node process takes CPU from the pipeline. {@code -Dnode=anvil} ({@link AnvilChainLoad}) runs two
 * anvils instead, with real signed transactions through a real EVM; anvil grows about 1 GB every 3 minutes, so that
 * is for short runs.
 * 100,000 watched addresses over 2,000 chats; a share of transactions (native and test-token transfers) goes to a
 * watched address, chosen for about 10 notifications a second in steady state; during bursts the watched
 * recipients belong to a few chats, whose backlog turns into digests.
 * <p>
 * Reports per chain block → Telegram latency (from the block becoming the node's head, or with anvil the load's
 * {@code evm_mine} returning, to the double accepting the message) per window with its trend, steady state and
 * bursts apart, and ingest lag (the block visible to a read_committed consumer of {@code chainwatch.blocks}); each
 * consumer group's lag over time; per service (and node, and the bench's own JVM) RSS at the start and end, its
 * slope after warm-up with a 95 % interval, GC pauses (from {@code -Xlog:gc}) and CPU (from {@code /proc/<pid>/stat});
 * deliveries, 429s, lost and duplicated notifications. Writes an HTML page with the plots to
 * {@code bench/target/soak-<time>.html}. Exits 1 when a target is missed.
 * <p>
 * System properties (durations as {@code 450ms}, {@code 12s}, {@code 5m}; a bare number is seconds): {@code minutes}
 * (30), {@code warmup} (a third of the run, at most 5m), {@code window} (60s), {@code bscBlockTime} (450ms),
 * {@code bscTxPerBlock} (200), {@code ethBlockTime} (12s; 2s compresses Ethereum), {@code ethTxPerBlock} (265),
 * {@code burstEvery} (5m; 0 for none), {@code firstBurst} (warm-up + 1m), {@code burstTps} (2000),
 * {@code burstLength} (10s), {@code burstTail} (30s after a burst still counted as the burst's), {@code burstChats}
 * (20), {@code notificationsPerSecond} (10), {@code tokenShare} (0.3), {@code subscriptions} (100000), {@code chats}
 * (2000), {@code node} (replay or anvil), {@code transport} (ws or http: how the ingestor reaches the nodes),
 * {@code progressDepths} (3,6,12, the product's default), {@code serviceJvmOptions}, and {@code env.NAME=value} to
 * give every service an environment variable (a latency setting such as {@code env.CHAINWATCH_POLL_INTERVAL=50ms}).
 */
public final class SoakBenchmark {

    static final String TOKEN = "123456:AAEchainwatchLocalTestToken00000000";
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    static final long FIRST_CHAT = 5_000_000;
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    static final Duration SETTLE = Duration.ofSeconds(10);
    /** Lag that rises by fewer records than this over the run is noise, not a backlog building. */
    static final double LAG_SLACK_RECORDS = 50;
    static final double BSC_STEADY_P50_MS = 150;
    static final double BSC_STEADY_P99_MS = 500;
    static final double BURST_P99_MS = 2000;

    /** One reading of a process. */
    record Sample(double atSeconds, double rssMb, double cpuSeconds, double heapUsedMb) {
    }

    /** A process whose RSS and CPU are followed: a service (with /prometheus) or a node. */
    static final class Followed {
        final String name;
        final long pid;
        final int httpPort;
        final Path gcLog;
        final boolean service;
        final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

        Followed(String name, long pid, int httpPort, Path gcLog, boolean service) {
            this.name = name;
            this.pid = pid;
            this.httpPort = httpPort;
            this.gcLog = gcLog;
            this.service = service;
        }

        void sample(double atSeconds) {
            long rssKb = ProcStats.rss(pid)[0];
            if (rssKb == 0) {
                return; // exited
            }
            double heap = httpPort > 0 ? ProcStats.jvmMemory(httpPort)[0] / (1024.0 * 1024.0) : Double.NaN;
            samples.add(new Sample(atSeconds, rssKb / 1024.0, ProcStats.cpuSeconds(pid), heap));
        }
    }

    /** What the run's listener gathers. */
    static final class Observed implements ChainLoad.Listener {
        final Map<BlockId, Instant> made = new ConcurrentHashMap<>();
        final Set<Deliveries.Key> expected = ConcurrentHashMap.newKeySet();
        final Set<String> interesting = ConcurrentHashMap.newKeySet();
        final Map<String, String> chainOf = new ConcurrentHashMap<>();

        @Override
        public void blockMade(String chain, long number, Instant at) {
            made.put(new BlockId(chain, number), at);
        }

        @Override
        public void watchedSent(String chain, String txHash, long chatId, boolean token, Instant at) {
            chainOf.put(txHash, chain);
            interesting.add(txHash);
            expected.add(new Deliveries.Key(chatId, txHash));
        }
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(Clock.systemUTC()) ? 0 : 1;
        } catch (Exception e) {
            e.printStackTrace();
            status = 2;
        }
        System.exit(status); // Kafka and Netty leave non-daemon threads behind
    }

    static Duration duration(String property, Duration otherwise) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("m")) {
            return Duration.ofMillis((long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 60_000));
        }
        if (value.endsWith("h")) {
            return Duration.ofMillis((long) (Double.parseDouble(value.substring(0, value.length() - 1))
                    * 3_600_000));
        }
        return Duration.ofMillis((long) (Double.parseDouble(value.endsWith("s")
                ? value.substring(0, value.length() - 1)
                : value) * 1000));
    }

    static double number(String property, double otherwise) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? otherwise : Double.parseDouble(value.strip());
    }

    static boolean run(Clock clock) throws Exception {
        Duration length = Duration.ofMillis((long) (number("minutes", 30) * 60_000));
        Duration warmup = duration("warmup", length.dividedBy(3).compareTo(Duration.ofMinutes(5)) > 0
                ? Duration
                        .ofMinutes(5)
                : length.dividedBy(3));
        Duration window = duration("window", Duration.ofSeconds(60));
        Rhythm bscRhythm = new Rhythm(duration("bscBlockTime", Duration.ofMillis(450)), (int) number("bscTxPerBlock",
                200), duration("firstBurst", warmup.plusMinutes(1)), duration("burstEvery", Duration.ofMinutes(5)),
                number("burstTps", 2000), duration("burstLength", Duration.ofSeconds(10)));
        Rhythm ethRhythm = new Rhythm(duration("ethBlockTime", Duration.ofSeconds(12)), (int) number("ethTxPerBlock",
                265), Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
        Duration burstTail = duration("burstTail", Duration.ofSeconds(30));
        int burstChats = (int) number("burstChats", 20);
        double notificationsPerSecond = number("notificationsPerSecond", 10);
        double tokenShare = number("tokenShare", 0.3);
        int subscriptions = (int) number("subscriptions", 100_000);
        int chats = (int) number("chats", 2000);
        boolean websocket = !"http".equalsIgnoreCase(System.getProperty("transport", "ws"));
        String nodeKind = System.getProperty("node", "replay").strip().toLowerCase(Locale.ROOT);
        if (!nodeKind.equals("replay") && !nodeKind.equals("anvil")) {
            throw new IllegalArgumentException("-Dnode=replay or -Dnode=anvil, not " + nodeKind);
        }
        boolean replay = nodeKind.equals("replay");
        List<String> serviceOptions = ServiceJvms.options(System.getProperty("serviceJvmOptions",
                ServiceJvms.SERVICE_JVM_OPTIONS));
        double watchedShare = notificationsPerSecond / (bscRhythm.steadyTps() + ethRhythm.steadyTps());
        WatchedAddresses watched = new WatchedAddresses(List.of("bsc", "ethereum"), subscriptions, chats,
                FIRST_CHAT);

        String database = "chainwatch_soak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String redisPrefix = "bench-soak-" + UUID.randomUUID() + ":";
        List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
        List<Path> dirs = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean cleaned = new AtomicBoolean();
        Runnable cleanup = () -> {
            if (!cleaned.compareAndSet(false, true)) {
                return;
            }
            List<AutoCloseable> reversed = new ArrayList<>(resources);
            Collections.reverse(reversed);
            for (AutoCloseable r : reversed) {
                try {
                    r.close();
                } catch (Exception e) {
                    // keep closing the others
                }
            }
            try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            } catch (Exception e) {
                // best effort
            }
            NotifyBenchmark.cleanRedis(redisPrefix);
            dirs.forEach(ServiceJvms::deleteQuietly);
        };
        // Ctrl-C or a kill must not leave anvils and service JVMs behind
        Thread hook = new Thread(cleanup, "bench-soak-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        resources.add(sampler::shutdownNow);
        try {
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary();
            resources.add(kafka);
            BotApiDouble telegram = BotApiDouble.start(TOKEN);
            resources.add(telegram);
            KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers());
            TopicProvisioner.ensureAll(kafkaSettings);
            ChainLoad bsc;
            ChainLoad eth;
            if (replay) {
                System.out.println("starting the chains (replay nodes in this JVM)…");
                bsc = new ReplayChainLoad("bsc", 56, bscRhythm, watched, watchedShare, tokenShare, burstChats, 56,
                        clock);
                resources.add(bsc);
                eth = new ReplayChainLoad("ethereum", 1, ethRhythm, watched, watchedShare, tokenShare, 0, 1, clock);
                resources.add(eth);
            } else {
                System.out.println("starting the chains (anvil, a test token on each)…");
                bsc = new AnvilChainLoad("bsc", 56, bscRhythm, watched, watchedShare, tokenShare, burstChats, 56,
                        clock);
                resources.add(bsc);
                eth = new AnvilChainLoad("ethereum", 1, ethRhythm, watched, watchedShare, tokenShare, 0, 1, clock);
                resources.add(eth);
            }
            List<ChainLoad> loads = List.of(bsc, eth);
            System.out.printf("loading %,d subscriptions over %,d chats…%n", subscriptions, chats);
            Subscriptions.publish(kafkaSettings, "bench-soak-subs", watched.all());

            Map<String, String> env = DevnetPipelineEnv.of(bsc.rpcUrls(websocket), telegram.baseUrl(), TOKEN, kafka
                    .bootstrapServers(), PG + database);
            env.remove("CHAINWATCH_RPC_DEVNET");
            env.remove("CHAINWATCH_CONFIRMATIONS_DEVNET");
            env.put(EnvNames.CHAINS, "bsc,ethereum");
            for (ChainLoad load : loads) {
                String suffix = load.chain().toUpperCase(Locale.ROOT);
                env.put("CHAINWATCH_RPC_" + suffix, load.rpcUrls(websocket));
                env.put("CHAINWATCH_CONFIRMATIONS_" + suffix, "0");
            }
            env.put(NotifierSettings.REDIS_URL, "redis://127.0.0.1:6379");
            env.put(NotifierSettings.REDIS_KEY_PREFIX, redisPrefix);
            env.put("MATCHER_PROGRESS_DEPTHS", System.getProperty("progressDepths", "3,6,12"));
            env.putAll(ServiceJvms.SERVICE_NATIVE_ENV);
            Map<String, String> extra = new TreeMap<>();
            System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("env.")).forEach(p -> extra
                    .put(p.substring(4), System.getProperty(p)));
            env.putAll(extra);

            Path gcDir = Files.createTempDirectory("chainwatch-soak-gc");
            dirs.add(gcDir);
            List<Followed> followed = new ArrayList<>();
            Map<String, Class<?>> mains = new LinkedHashMap<>();
            mains.put("block-ingestor", IngestorApplication.class);
            mains.put("tx-matcher", MatcherApplication.class);
            mains.put("notifier", NotifierApplication.class);
            mains.put("bot-frontend", BotApplication.class);
            List<ServiceJvms.Launched> launched = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Class<?>> service : mains.entrySet()) {
                Path gcLog = gcDir.resolve(service.getKey() + ".log");
                List<String> options = new ArrayList<>(serviceOptions);
                options.add(GcLog.flag(gcLog));
                ServiceJvms.Launched l = ServiceJvms.launch(service.getKey(), service.getValue(),
                        ServiceJvms.SERVICES.get(i++),
                        env, options);
                resources.add(l.process());
                dirs.add(l.dataDir());
                launched.add(l);
                followed.add(new Followed(l.name(), l.process().pid(), l.httpPort(), gcLog, true));
            }
            for (ChainLoad load : loads) {
                if (load.nodePid() > 0) {
                    followed.add(new Followed("anvil " + load.chain(), load.nodePid(), 0, null, false));
                }
            }
            // the replay nodes live here, with the broker and the probe: this JVM's memory is theirs to keep flat
            followed.add(new Followed(replay ? "bench JVM (replay nodes, broker)" : "bench JVM (broker)",
                    ProcessHandle.current().pid(), 0, null, false));
            for (ServiceJvms.Launched l : launched) {
                ServiceJvms.awaitHealthy(l.name(), l.process(), l.httpPort(), Duration.ofSeconds(180));
            }
            Thread.sleep(SETTLE.toMillis()); // the matcher restores its 100,000 subscriptions
            System.out.printf("services healthy; RSS: %s%n", String.join(", ", followed.stream().filter(f -> f.service)
                    .map(f -> String.format("%s %.0f MB", f.name, ProcStats.rss(f.pid)[0] / 1024.0)).toList()));
            loads.forEach(l -> System.out.println("load: " + l.describe()));
            System.out.printf("watched share %.2f %% for ~%.0f notifications/s; bursts go to %d chats; ingestor over "
                    + "%s; MATCHER_PROGRESS_DEPTHS %s%s%n", watchedShare * 100, notificationsPerSecond, burstChats,
                    websocket ? "websocket" : "http", env.get("MATCHER_PROGRESS_DEPTHS"), extra.isEmpty()
                            ? ""
                            : "; extra environment " + extra);

            Observed observed = new Observed();
            PipelineProbe probe = new PipelineProbe(kafkaSettings, clock, observed.interesting, SAMPLE_EVERY);
            resources.add(probe);
            Instant start = clock.instant();
            sampler.scheduleAtFixedRate(() -> {
                double at = Duration.between(start, clock.instant()).toMillis() / 1000.0;
                followed.forEach(f -> f.sample(at));
            }, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            loads.forEach(l -> l.begin(start, observed));
            System.out.printf("running for %s (warm-up %s)…%n", length, warmup);
            Instant end = start.plus(length);
            while (clock.instant().isBefore(end)) {
                Thread.sleep(Math.min(60_000, Math.max(1, Duration.between(clock.instant(), end).toMillis())));
                int sent = (int) telegram.sentMessages().stream().filter(m -> !m.edit()).count();
                System.out.printf("  %s: %d transactions submitted, %d blocks made, %d visible in Kafka, %d "
                        + "notifications expected, %d messages sent, %d 429s; RSS %s%n",
                        Duration.between(start, clock
                                .instant()).withNanos(0),
                        loads.stream().mapToLong(ChainLoad::submitted).sum(), observed.made.size(), observed.made
                                .keySet().stream().filter(b -> probe.visibleAt(b) != null).count(),
                        observed.expected.size(), sent, telegram
                                .tooManyRequestsCount(),
                        String.join(", ", followed.stream().filter(f -> f.service).map(f -> String.format("%s %.0f",
                                f.name, ProcStats.rss(f.pid)[0] / 1024.0)).toList()));
                for (Followed f : followed) {
                    if (f.service && ProcStats.rss(f.pid)[0] == 0) {
                        throw new IllegalStateException(f.name + " died");
                    }
                }
            }
            loads.forEach(ChainLoad::stop);
            Instant loadEnd = clock.instant();
            Deliveries.Result result = drain(telegram, observed.expected, clock);
            sampler.shutdownNow();
            probe.close();

            Report report = new Report(start, loadEnd, warmup, window, burstTail, bscRhythm, loads, observed, probe,
                    result, telegram.tooManyRequestsCount(), followed, extra);
            String text = report.text();
            System.out.println();
            System.out.println(text);
            Path page = Path.of("bench", "target", "soak-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(
                    ZoneOffset.UTC).format(start) + ".html").toAbsolutePath();
            Files.createDirectories(page.getParent());
            Files.writeString(page, SoakPage.html("chainwatch soak, " + start, text, report.charts()));
            System.out.println("plot: " + page);
            return report.met();
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** Waits for the expected notifications: until all arrived, or nothing new came for 20 s, or 2 minutes. */
    static Deliveries.Result drain(BotApiDouble telegram, Set<Deliveries.Key> expected, Clock clock)
            throws InterruptedException {
        Instant deadline = clock.instant().plusSeconds(120);
        long last = -1;
        Instant lastProgress = clock.instant();
        Deliveries.Result result;
        while (true) {
            result = Deliveries.reconcile(Set.copyOf(expected), messages(telegram));
            long delivered = result.deliveredAt().size();
            if (delivered != last) {
                last = delivered;
                lastProgress = clock.instant();
            }
            if (result.lost().isEmpty() || clock.instant().isAfter(deadline) || Duration.between(lastProgress, clock
                    .instant()).toSeconds() >= 20) {
                return result;
            }
            Thread.sleep(1000);
        }
    }

    static List<Deliveries.Message> messages(BotApiDouble telegram) {
        return telegram.sentMessages().stream().map(m -> new Deliveries.Message(m.chatId(), m.text(), m.at(), m
                .edit())).toList();
    }

    /** The figures of a run, its verdicts and its charts. */
    static final class Report {
        final Instant start;
        final Instant loadEnd;
        final Duration warmup;
        final Duration window;
        final Duration burstTail;
        final Rhythm bursts;
        final List<ChainLoad> loads;
        final Observed observed;
        final PipelineProbe probe;
        final Deliveries.Result result;
        final int tooManyRequests;
        final List<Followed> followed;
        final Map<String, String> extra;
        final List<Verdict> verdicts = new ArrayList<>();
        final Map<String, List<Timed>> latencies = new LinkedHashMap<>();
        final StringBuilder out = new StringBuilder();

        Report(Instant start, Instant loadEnd, Duration warmup, Duration window, Duration burstTail, Rhythm bursts,
                List<ChainLoad> loads, Observed observed, PipelineProbe probe, Deliveries.Result result,
                int tooManyRequests, List<Followed> followed, Map<String, String> extra) {
            this.start = start;
            this.loadEnd = loadEnd;
            this.warmup = warmup;
            this.window = window;
            this.burstTail = burstTail;
            this.bursts = bursts;
            this.loads = loads;
            this.observed = observed;
            this.probe = probe;
            this.result = result;
            this.tooManyRequests = tooManyRequests;
            this.followed = followed;
            this.extra = extra;
            build();
        }

        double seconds(Instant at) {
            return Duration.between(start, at).toMillis() / 1000.0;
        }

        private void line(String format, Object... args) {
            out.append(String.format(Locale.ROOT, format, args)).append('\n');
        }

        private void build() {
            double loadSeconds = seconds(loadEnd);
            line("Soak: %.1f minutes of load, warm-up %d s, windows of %d s; %s", loadSeconds / 60, warmup.toSeconds(),
                    window.toSeconds(), extra.isEmpty() ? "product defaults" : "environment " + extra);
            for (ChainLoad load : loads) {
                long blocks = observed.made.keySet().stream().filter(b -> b.chain().equals(load.chain())).count();
                line("  %s", load.describe());
                line("    sustained: %,d transactions submitted (%.0f tx/s), %d refused by the node%s, %,d in the "
                        + "blocks the ingestor published, %d blocks (%.2f blocks/s, %.0f tx per block)",
                        load
                                .submitted(),
                        load.submitted() / loadSeconds, load.refused(),
                        load.refusals().isEmpty() ? "" : " " + load.refusals(), probe.transactionsOf(load.chain()),
                        blocks, blocks / loadSeconds,
                        blocks == 0 ? 0.0 : (double) load.submitted() / blocks);
            }
            latency();
            consumerLag();
            services();
            deliveries();
            line("");
            line("| target | measured | verdict |");
            line("|---|---|---|");
            verdicts.forEach(v -> line("| %s | %s | %s |", v.target(), v.measured(), v.met() ? "met" : "**NOT MET**"));
            line("%s", met() ? "all targets met" : "a target was missed");
        }

        String text() {
            return out.toString();
        }

        boolean met() {
            return Verdict.allMet(verdicts);
        }

        /** Whether a block made at {@code atSeconds} belongs to a burst (or the backlog right after one). */
        boolean burst(double atSeconds) {
            return bursts.burstIndex(Duration.ofMillis((long) (atSeconds * 1000)), burstTail) >= 0;
        }

        private void latency() {
            for (ChainLoad load : loads) {
                String chain = load.chain();
                List<Timed> all = new ArrayList<>();
                List<Double> steady = new ArrayList<>();
                List<Double> burst = new ArrayList<>();
                List<Double> ingestStage = new ArrayList<>();
                List<Double> matchStage = new ArrayList<>();
                List<Double> notifyStage = new ArrayList<>();
                int noBlock = 0;
                for (Map.Entry<Deliveries.Key, Instant> d : result.deliveredAt().entrySet()) {
                    String hash = d.getKey().txHash();
                    if (!chain.equals(observed.chainOf.get(hash))) {
                        continue;
                    }
                    BlockId block = probe.blockOf(hash);
                    Instant made = block == null ? null : observed.made.get(block);
                    if (made == null) {
                        noBlock++;
                        continue;
                    }
                    double ms = Duration.between(made, d.getValue()).toMillis();
                    double at = seconds(made);
                    all.add(new Timed(at, ms));
                    if (burst(at) && chain.equals("bsc")) {
                        burst.add(ms);
                    } else if (at >= warmup.toSeconds()) {
                        steady.add(ms);
                        Instant blockVisible = probe.visibleAt(block);
                        Instant alertVisible = probe.alertVisibleAt(hash);
                        if (blockVisible != null && alertVisible != null) {
                            ingestStage.add((double) Duration.between(made, blockVisible).toMillis());
                            matchStage.add((double) Duration.between(blockVisible, alertVisible).toMillis());
                            notifyStage.add((double) Duration.between(alertVisible, d.getValue()).toMillis());
                        }
                    }
                }
                all.sort((a, b) -> Double.compare(a.atSeconds(), b.atSeconds()));
                List<Windows.Summary> windows = Windows.of(all, window.toSeconds());
                latencies.put(chain, all);
                line("");
                line("%s: block → Telegram (ms), 0 confirmations; %d notifications measured%s", chain, all.size(),
                        noBlock == 0 ? "" : ", " + noBlock + " without a block time");
                line("  steady state after warm-up: n %d  p50 %.0f  p99 %.0f  max %.0f", steady.size(), Percentiles.of(
                        steady, 0.5), Percentiles.of(steady, 0.99), Percentiles.of(steady, 1.0));
                line("  of which, p50 / p99: made → block visible in Kafka %.0f / %.0f; → alert visible (matcher, "
                        + "committed) %.0f / %.0f; → accepted by the Bot API double (notifier) %.0f / %.0f",
                        Percentiles
                                .of(ingestStage, 0.5),
                        Percentiles.of(ingestStage, 0.99), Percentiles.of(matchStage, 0.5), Percentiles.of(matchStage,
                                0.99),
                        Percentiles.of(notifyStage, 0.5), Percentiles.of(notifyStage, 0.99));
                if (chain.equals("bsc")) {
                    line("  bursts (from a burst's start to %d s after its end): n %d  p50 %.0f  p99 %.0f  max %.0f",
                            burstTail.toSeconds(), burst.size(), Percentiles.of(burst, 0.5), Percentiles.of(burst,
                                    0.99),
                            Percentiles.of(burst, 1.0));
                }
                line("  | window from (s) | n | p50 | p99 | max | burst |");
                line("  |---|---|---|---|---|---|");
                for (Windows.Summary w : windows) {
                    line("  | %.0f | %d | %.0f | %.0f | %.0f | %s |", w.startSeconds(), w.count(), w.p50(), w.p99(), w
                            .max(), chain.equals("bsc") && hasBurst(w.startSeconds()) ? "yes" : "");
                }
                List<Windows.Summary> steadyWindows = windows.stream().filter(w -> w.startSeconds() >= warmup
                        .toSeconds() && !(chain.equals("bsc") && hasBurst(w.startSeconds()))).toList();
                Trend p50 = Windows.trendPerHour(steadyWindows, Windows.Summary::p50);
                Trend p99 = Windows.trendPerHour(steadyWindows, Windows.Summary::p99);
                line("  trend of the steady windows after warm-up: p50 %s, p99 %s", perHour(p50, "ms"), perHour(p99,
                        "ms"));
                List<Double> ingest = new ArrayList<>();
                observed.made.forEach((block, made) -> {
                    Instant visible = probe.visibleAt(block);
                    if (block.chain().equals(chain) && visible != null) {
                        ingest.add((double) Duration.between(made, visible).toMillis());
                    }
                });
                long blocks = observed.made.keySet().stream().filter(b -> b.chain().equals(chain)).count();
                line("  ingest lag, block made → visible in chainwatch.blocks (ms): p50 %.0f  p99 %.0f  max %.0f "
                        + "(%d of %d blocks seen)", Percentiles.of(ingest, 0.5), Percentiles.of(ingest, 0.99),
                        Percentiles.of(ingest, 1.0), ingest.size(), blocks);
                if (chain.equals("bsc")) {
                    verdicts.add(Verdict.atMost("bsc steady p50 ≤ 150 ms", Percentiles.of(steady, 0.5),
                            BSC_STEADY_P50_MS, "ms"));
                    verdicts.add(Verdict.atMost("bsc steady p99 ≤ 500 ms", Percentiles.of(steady, 0.99),
                            BSC_STEADY_P99_MS, "ms"));
                    verdicts.add(Verdict.atMost("bsc bursts p99 ≤ 2 s", Percentiles.of(burst, 0.99), BURST_P99_MS,
                            "ms"));
                }
            }
        }

        private boolean hasBurst(double windowStart) {
            for (double t = windowStart; t < windowStart + window.toSeconds(); t += 1) {
                if (burst(t)) {
                    return true;
                }
            }
            return false;
        }

        private static String perHour(Trend t, String unit) {
            return Double.isNaN(t.slope())
                    ? "n/a (too few windows)"
                    : Double.isNaN(t.halfWidth95())
                            ? String.format(Locale.ROOT, "%+.0f %s/h", t.slope(), unit)
                            : String.format(Locale.ROOT, "%+.0f ± %.0f %s/h", t.slope(), t.halfWidth95(), unit);
        }

        private void consumerLag() {
            Map<String, List<PipelineProbe.LagSample>> bySeries = new TreeMap<>();
            probe.lags().forEach(s -> bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s));
            line("");
            line("consumer lag (records, committed offset behind the last stable offset), sampled every %d s:",
                    SAMPLE_EVERY.toSeconds());
            line("  | group topic | mean | max | last | trend after warm-up, outside bursts | per window (max) |");
            line("  |---|---|---|---|---|---|");
            for (Map.Entry<String, List<PipelineProbe.LagSample>> e : bySeries.entrySet()) {
                List<PipelineProbe.LagSample> samples = e.getValue();
                List<Point> trendPoints = samples.stream().filter(s -> seconds(s.at()) >= warmup.toSeconds()
                        && !burst(seconds(s.at())) && !s.at().isAfter(loadEnd)).map(s -> new Point(
                                seconds(s.at())
                                        / 60.0,
                                s.lag()))
                        .toList();
                Trend trend = Trend.fit(trendPoints);
                double span = trendPoints.isEmpty()
                        ? 0
                        : trendPoints.get(trendPoints.size() - 1).x() - trendPoints.get(0).x();
                Verdict v = Verdict.notGrowing("no growing lag: " + e.getKey(), trend, span, LAG_SLACK_RECORDS,
                        "records", "min");
                verdicts.add(v);
                Map<Long, Long> perWindow = new TreeMap<>();
                samples.forEach(s -> perWindow.merge((long) (seconds(s.at()) / window.toSeconds()), s.lag(),
                        Math::max));
                line("  | %s | %.1f | %d | %d | %s | %s |", e.getKey(), samples.stream().mapToLong(
                        PipelineProbe.LagSample::lag).average().orElse(Double.NaN), samples.stream()
                                .mapToLong(
                                        PipelineProbe.LagSample::lag)
                                .max().orElse(0),
                        samples.isEmpty() ? 0 : samples.get(samples.size() - 1).lag(), v.measured(), perWindow
                                .values());
            }
        }

        private void services() {
            line("");
            line("processes (RSS sampled every %d s; slope after warm-up, 95 %% interval; CPU in %% of one core):",
                    SAMPLE_EVERY.toSeconds());
            line("  | process | RSS start | RSS end | RSS max | slope after warm-up (MB/h) | heap used max | GC pauses "
                    + "n / p99 / max (ms) | CPU avg | CPU max window |");
            line("  |---|---|---|---|---|---|---|---|---|");
            for (Followed f : followed) {
                List<Sample> samples = List.copyOf(f.samples);
                if (samples.isEmpty()) {
                    line("  | %s | no samples |", f.name);
                    continue;
                }
                Sample first = samples.get(0);
                Sample last = samples.get(samples.size() - 1);
                double max = samples.stream().mapToDouble(Sample::rssMb).max().orElse(Double.NaN);
                Trend slope = Trend
                        .fit(samples.stream().filter(s -> s.atSeconds() >= warmup.toSeconds()).map(s -> new Point(s
                                .atSeconds() / 3600.0, s.rssMb())).toList());
                List<Double> pauses = List.of();
                if (f.gcLog != null) {
                    try {
                        pauses = GcLog.pausesMillis(Files.readString(f.gcLog));
                    } catch (IOException e) {
                        // no log: no pauses reported
                    }
                }
                double cpu = (last.cpuSeconds() - first.cpuSeconds()) / Math.max(1, last.atSeconds() - first
                        .atSeconds()) * 100;
                double cpuMax = 0;
                for (int k = 1; k < samples.size(); k++) {
                    Sample a = samples.get(k - 1);
                    Sample b = samples.get(k);
                    if (b.atSeconds() > a.atSeconds()) {
                        cpuMax = Math.max(cpuMax, (b.cpuSeconds() - a.cpuSeconds()) / (b.atSeconds() - a.atSeconds())
                                * 100);
                    }
                }
                line("  | %s | %.0f MB | %.0f MB | %.0f MB | %s | %s | %s | %.0f %% | %.0f %% |", f.name, first
                        .rssMb(), last.rssMb(), max,
                        Double.isNaN(slope.halfWidth95())
                                ? "too few samples"
                                : String.format(Locale.ROOT, "%+.1f ± %.1f", slope.slope(), slope.halfWidth95()),
                        f.service
                                ? String.format(Locale.ROOT, "%.0f MB", samples.stream().mapToDouble(
                                        Sample::heapUsedMb).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN))
                                : "—",
                        f.gcLog == null
                                ? "—"
                                : String.format(Locale.ROOT, "%d / %.1f / %.1f", pauses.size(), Percentiles.of(pauses,
                                        0.99), Percentiles.of(pauses, 1.0)),
                        cpu, cpuMax);
                if (f.service) {
                    verdicts.add(Verdict.atMost(f.name + " RSS ≤ 256 MB", max, ServiceJvms.SERVICE_TARGET_MB, "MB"));
                    verdicts.add(Verdict.flat(f.name + " RSS slope after warm-up indistinguishable from 0 (95 %)",
                            slope, "MB/h"));
                }
            }
        }

        private void deliveries() {
            line("");
            line("deliveries: %,d notifications expected, %,d delivered in %,d messages (and %,d edits), %d lost, %d "
                    + "duplicated, %d unexpected; %d 429 answers", observed.expected.size(),
                    result.deliveredAt()
                            .size(),
                    result.messages(), result.edits(), result.lost().size(), result.duplicated(), result
                            .unexpected(),
                    tooManyRequests);
            result.lost().stream().limit(5).forEach(k -> line("  lost: chat %d tx %s (%s; its block %s; an alert "
                    + "for it %s)", k.chatId(), k.txHash(), observed.chainOf.get(k.txHash()),
                    probe.blockOf(k
                            .txHash()) == null ? "never seen in chainwatch.blocks" : "published",
                    probe.alertVisibleAt(k.txHash()) == null ? "never published" : "published"));
            verdicts.add(Verdict.zero("nothing lost", result.lost().size()));
            verdicts.add(Verdict.zero("nothing duplicated", result.duplicated()));
            verdicts.add(Verdict.zero("no 429 from the Bot API", tooManyRequests));
        }

        List<SoakPage.Chart> charts() {
            List<SoakPage.Chart> charts = new ArrayList<>();
            List<SoakPage.Series> latency = new ArrayList<>();
            // finer than the printed windows: a burst is 10 s long
            double plotWindow = Math.max(10, window.toSeconds() / 6.0);
            latencies.forEach((chain, values) -> {
                List<Windows.Summary> windows = Windows.of(values, plotWindow);
                latency.add(new SoakPage.Series(chain + " p50", windows.stream().map(w -> new Point(w.startSeconds()
                        / 60, w.p50())).toList()));
                latency.add(new SoakPage.Series(chain + " p99", windows.stream().map(w -> new Point(w.startSeconds()
                        / 60, w.p99())).toList()));
            });
            charts.add(new SoakPage.Chart(String.format(Locale.ROOT, "block → Telegram latency per %.0f s (by when "
                    + "the block was made)", plotWindow), "minutes", "ms", latency));
            charts.add(new SoakPage.Chart("RSS", "minutes", "MB", followed.stream().map(f -> new SoakPage.Series(
                    f.name, List.copyOf(f.samples).stream().map(s -> new Point(s.atSeconds() / 60, s.rssMb()))
                            .toList()))
                    .toList()));
            Map<String, List<Point>> lag = new TreeMap<>();
            probe.lags().forEach(s -> lag.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(new Point(seconds(s
                    .at()) / 60, s.lag())));
            charts.add(new SoakPage.Chart("consumer lag", "minutes", "records", lag.entrySet().stream().map(
                    e -> new SoakPage.Series(e.getKey(), e.getValue())).toList()));
            return charts;
        }
    }

    private SoakBenchmark() {
    }
}
