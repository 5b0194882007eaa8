package io.chainwatch.bench;

import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.notifier.NotifierService;
import io.chainwatch.notifier.NotifierSettings;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.TxStatus;
import io.chainwatch.standalone.DevnetPipelineEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * {@code bench/run notify}.
 * <ul>
 * <li>Part A, throughput: the notifier alone (broker, Bot API double) draining a backlog spread over many chats, so
 * only the global budget limits it; steady-state messages/s over the middle of the run as a ratio of
 * {@code TELEGRAM_GLOBAL_RATE}, and the double's 429 count. With the file ledger and local budget, and with the Redis
 * ledger and shared budget when Redis is reachable.</li>
 * <li>Part B, latency: the whole pipeline (anvil, broker, Postgres, the double, the four services in one Micronaut
 * context as {@code ./chainwatch up} wires them) at 0 confirmations; from {@code eth_sendTransaction} returning to the
 * double accepting the notification, with the raw anvil send + receipt round trip as the baseline and a breakdown by
 * stage (seen by the ingestor, alert committed by the matcher, sent by the notifier).</li>
 * </ul>
 * System properties: {@code chats} (300), {@code alerts} (600), {@code txs} (60), {@code txIntervalMs} (1200),
 * {@code pollInterval} (50ms), {@code part} (A, B or both), {@code progressDepths} (3,6,12, the default of
 * {@code MATCHER_PROGRESS_DEPTHS}; {@code none} measures B without the confirmation edits sharing the chat's budget),
 * {@code blocks} (100, the blocks A's alerts are spread over), {@code enrich} (both, true or false).
 * <p>
 * Enrichment (issue #17): with it, the devnet carries a price feed for the native coin and one for a token and ENS
 * names for the senders, and the notifier is configured to read them, so each message waits for its dollar value and
 * names as in production; without it, the same alerts and transactions with no feed and no ENS registry configured.
 * Every delivered message is checked to show (or not) a dollar value and the sender's name: a run that measured no
 * lookup fails. With {@code enrich=both} each part runs both ways and prints the ratio.
 */
public final class NotifyBenchmark {

    static final String TOKEN = "123456:AAEchainwatchLocalTestToken00000000";
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    static final long CHAT = 4242;

    public static void main(String[] args) throws Exception {
        String part = System.getProperty("part", "AB").toUpperCase(Locale.ROOT);
        List<Boolean> modes = Enrichment.modes();
        if (part.contains("A")) {
            Map<Boolean, Double> local = new HashMap<>();
            Map<Boolean, Double> shared = new HashMap<>();
            for (boolean enrich : modes) {
                local.put(enrich, throughput("file ledger, local budget", false, enrich));
                if (redisReachable()) {
                    shared.put(enrich, throughput("Redis ledger, shared budget", true, enrich));
                } else {
                    System.out.println("Redis at 127.0.0.1:6379 not reachable: skipping the Redis run");
                }
            }
            if (modes.size() == 2) {
                System.out.printf("A: steady-state msg/s with enrichment / without: file ledger %.3f, Redis ledger "
                        + "%.3f%n", local.get(true) / local.get(false),
                        shared.getOrDefault(true, Double.NaN) / shared
                                .getOrDefault(false, Double.NaN));
            }
        }
        if (part.contains("B")) {
            Map<Boolean, Double> p50 = new HashMap<>();
            for (boolean enrich : modes) {
                p50.put(enrich, latency(enrich));
            }
            if (modes.size() == 2) {
                System.out.printf("B: p50 latency with enrichment / without: %.2f%n", p50.get(true) / p50.get(
                        false));
            }
        }
        System.exit(0); // Kafka Streams and Netty leave non-daemon threads behind
    }

    // ---- part A ----

    /** Steady-state messages per second, NaN when the backlog was not delivered in time. */
    static double throughput(String what, boolean redis, boolean enrich) throws Exception {
        int chats = Integer.getInteger("chats", 300);
        int count = Integer.getInteger("alerts", 600);
        int blocks = Integer.getInteger("blocks", 100);
        double rate = NotifierSettings.DEFAULT_GLOBAL_RATE;
        String mode = what + ", " + Enrichment.label(enrich);
        Path dataDir = Files.createTempDirectory("chainwatch-bench-notify");
        String prefix = "bench-" + UUID.randomUUID() + ":";
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary();
                BotApiDouble telegram = BotApiDouble.start(TOKEN);
                AnvilNode anvil = AnvilNode.start()) {
            // the alerts point at this devnet: its token, and with enrichment its feeds and named senders, read by
            // the notifier as it would read a real chain; over `blocks` blocks, each a price reading of its own
            List<String> accounts = anvil.accounts();
            List<String> senders = accounts.subList(1, 9);
            Enrichment devnet = Enrichment.deploy(anvil, accounts.get(0), senders, enrich);
            long first = anvil.blockNumber() + 1;
            anvil.mine(blocks);
            KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers());
            TopicProvisioner.ensureAll(kafkaSettings);
            Map<String, String> env = new HashMap<>();
            env.put(KafkaSettings.BOOTSTRAP, kafka.bootstrapServers());
            env.put(NotifierSettings.BOT_TOKEN, TOKEN);
            env.put(NotifierSettings.API_URL, telegram.baseUrl());
            env.put(NotifierSettings.DATA_DIR, dataDir.toString());
            env.put(ChainConfig.CHAINS, "devnet");
            env.put(ChainConfig.RPC_PREFIX + "DEVNET", anvil.rpcUrl());
            env.putAll(devnet.env);
            // every alert its own message: this part measures messages/s against the budget, and its backlog (two
            // alerts per chat, queued at once) would otherwise go as one digest per chat (NOTIFIER_DIGEST_AFTER)
            env.put(NotifierSettings.DIGEST_AFTER, "1h");
            if (redis) {
                env.put(NotifierSettings.REDIS_URL, "redis://127.0.0.1:6379");
                env.put(NotifierSettings.REDIS_KEY_PREFIX, prefix);
            }
            List<Alert> alerts = new ArrayList<>();
            Map<String, String> senderOf = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String tx = "0x" + String.format("%064x", i + 1);
                String from = senders.get(i % senders.size()).toLowerCase(Locale.ROOT);
                alerts.add(alert(1_000_000L + i % chats, tx, from, first + i % blocks, i % 2 == 0
                        ? null
                        : devnet.token
                                .address().toLowerCase(Locale.ROOT)));
                senderOf.put(tx, from);
            }
            try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(Map.copyOf(kafkaSettings.producer(
                    "bench-producer")), new StringSerializer(), Topics.ALERTS.valueSerde().serializer())) {
                // right after creation the partitions may have no leader yet; sending then confuses the idempotent
                // producer's sequence numbers on the fresh broker
                while (producer.partitionsFor(Topics.ALERTS.name()).stream().anyMatch(p -> p.leader() == null || p
                        .leader().isEmpty())) {
                    Thread.sleep(100);
                }
                Thread.sleep(1000);
                for (Alert alert : alerts) {
                    producer.send(new ProducerRecord<>(Topics.ALERTS.name(), Long.toString(alert.getChatId()),
                            alert));
                }
                producer.flush();
            }
            try (NotifierService notifier = new NotifierService(NotifierSettings.from(RuntimeEnv.of(env)),
                    new SimpleMeterRegistry(), Clock.systemUTC())) {
                notifier.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(10 + (long) (2 * count / rate)).toNanos();
                while (telegram.sentMessages().size() < count && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            }
            List<SentMessage> sent = telegram.sentMessages();
            if (sent.size() < count) {
                System.out.printf("A [%s]: only %d of %d alerts delivered in time%n", mode, sent.size(), count);
                return Double.NaN;
            }
            for (SentMessage message : sent) {
                String tx = senderOf.keySet().stream().filter(message.text()::contains).findFirst().orElseThrow(
                        () -> new IllegalStateException("a message names no alert's transaction: " + message
                                .text()));
                devnet.check(message.text(), senderOf.get(tx));
            }
            // steady state: from the 25% to the 75% message, away from the cold start and the tail
            int from = count / 4;
            int to = count * 3 / 4;
            double seconds = Duration.between(sent.get(from).at(), sent.get(to).at()).toNanos() / 1e9;
            double perSecond = (to - from) / seconds;
            double total = Duration.between(sent.get(0).at(), sent.get(count - 1).at()).toNanos() / 1e9;
            System.out.printf("A [%s]: %d alerts over %d chats, TELEGRAM_GLOBAL_RATE %.0f/s%n", mode, count, chats,
                    rate);
            System.out.printf("   steady state (messages %d..%d): %.2f msg/s  ratio %.3f (target ≥ 0.97)%n", from,
                    to, perSecond, perSecond / rate);
            System.out.printf("   whole run: %.2f msg/s; 429 answers: %d (must be 0); every message checked: %s%n",
                    (count - 1) / total, telegram.tooManyRequestsCount(), enrich
                            ? "dollar value and ENS name"
                            : "no value, no name");
            return perSecond;
        } finally {
            if (redis) {
                cleanRedis(prefix);
            }
        }
    }

    /** 1.5 of the native coin, or 2,500 of {@code token} (6 decimals) when not null, from {@code from}. */
    static Alert alert(long chat, String tx, String from, long block, String token) {
        Alert alert = Alert.newBuilder().setId("").setChatId(chat).setWatchId(1).setChain("devnet").setKind(
                token == null ? AlertKind.NATIVE_IN : AlertKind.TOKEN_IN).setPhase(AlertPhase.CONFIRMED).setTxHash(tx)
                .setLogIndex(token == null ? -1 : 0).setBlockNumber(block).setBlockHash("0x" + "cd".repeat(32))
                .setBlockTimestamp(System.currentTimeMillis() / 1000).setConfirmations(0).setRequiredConfirmations(0)
                .setWatched("0x2222222222222222222222222222222222222222").setLabel(null).setFrom(from).setTo(
                        "0x2222222222222222222222222222222222222222")
                .setAmount(token == null ? "1500000000000000000" : "2500000000").setToken(token).setTokenId(null)
                .setTxStatus(TxStatus.SUCCESS)
                .setBackfill(false).setLate(false).setFlags(List.of()).setGeneration(0).setObservedAtMillis(System
                        .currentTimeMillis())
                .build();
        alert.setId(AlertIds.idOf(alert));
        return alert;
    }

    static boolean redisReachable() {
        try (Socket ignored = new Socket("127.0.0.1", 6379)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static void cleanRedis(String prefix) {
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", 6379)) {
            jedis.keys(prefix + "*").forEach(jedis::del);
        } catch (RuntimeException e) {
            // best effort
        }
    }

    // ---- part B ----

    /** When an alert for a tx became visible to a read_committed consumer, and when the ingestor saw its block. */
    record Seen(long observedAtMillis, long committedAtMillis) {
    }

    /** When a transaction's block became visible to a read_committed consumer of {@code chainwatch.blocks}. */
    private static void watchBlocks(KafkaSettings kafka, AtomicBoolean running, Map<String, Long> seen) {
        try (KafkaConsumer<String, io.chainwatch.schema.BlockEvent> consumer = new KafkaConsumer<>(Map.copyOf(kafka
                .consumer("bench-blocks", "bench-blocks-" + UUID.randomUUID())), new StringDeserializer(),
                Topics.BLOCKS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.BLOCKS.name()));
            while (running.get()) {
                for (ConsumerRecord<String, io.chainwatch.schema.BlockEvent> record : consumer.poll(Duration
                        .ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    record.value().getTransactions().forEach(tx -> seen.putIfAbsent(tx.getHash().toLowerCase(
                            Locale.ROOT), now));
                }
            }
        }
    }

    /** The p50 latency in ms. */
    static double latency(boolean enrich) throws Exception {
        int txs = Integer.getInteger("txs", 60);
        long interval = Long.getLong("txIntervalMs", 1200);
        String database = "chainwatch_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dataDir = Files.createTempDirectory("chainwatch-bench-e2e");
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary();
        AnvilNode anvil = AnvilNode.start();
        BotApiDouble telegram = BotApiDouble.start(TOKEN);
        ApplicationContext context = null;
        AtomicBoolean watching = new AtomicBoolean(true);
        Map<String, Seen> seen = new ConcurrentHashMap<>();
        Thread watcher = null;
        Thread blockWatcher = null;
        Map<String, Long> blockSeen = new ConcurrentHashMap<>();
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                Statement s = c
                        .createStatement()) {
            s.execute("create database " + database);
        }
        try {
            List<String> accounts = anvil.accounts();
            String sender = accounts.get(0);
            String watched = accounts.get(3);
            // the counterparty has a verified name; every other transaction moves the token instead of the coin
            Enrichment devnet = Enrichment.deploy(anvil, sender, List.of(sender), enrich);
            Map<String, String> env = DevnetPipelineEnv.of(anvil.rpcUrl(), telegram.baseUrl(), TOKEN, kafka
                    .bootstrapServers(), PG + database);
            // the product's default: each message is also edited at depths 3, 6 and 12 (none: -DprogressDepths=none)
            env.put("MATCHER_PROGRESS_DEPTHS", System.getProperty("progressDepths", "3,6,12"));
            env.put("CHAINWATCH_POLL_INTERVAL", System.getProperty("pollInterval", "50ms"));
            env.put("CHAINWATCH_DB_POOL_MIN_IDLE", "2");
            env.put("CHAINWATCH_DB_POOL_MAX_SIZE", "5");
            env.put(EnvNames.DATA_DIR, dataDir.toString());
            env.putAll(devnet.env);
            RuntimeEnv runtime = RuntimeEnv.of(env);
            KafkaSettings kafkaSettings = KafkaSettings.from(runtime);
            TopicProvisioner.ensureAll(kafkaSettings);
            context = ApplicationContext.builder().environments("standalone").singletons(runtime).properties(Map.of(
                    "micronaut.server.port", -1)).start();
            context.getBean(EmbeddedServer.class).start();
            watcher = Thread.ofPlatform().name("bench-alerts").daemon().start(() -> watchAlerts(kafkaSettings,
                    watching, seen));
            blockWatcher = Thread.ofPlatform().name("bench-blocks").daemon().start(() -> watchBlocks(kafkaSettings,
                    watching, blockSeen));

            telegram.userSends(CHAT, "/start");
            awaitMessages(telegram, 1, Duration.ofSeconds(60));
            Thread.sleep(1200);
            telegram.userSends(CHAT, "/watch devnet " + watched);
            awaitMessages(telegram, 2, Duration.ofSeconds(60));
            Thread.sleep(3000); // outbox → Kafka → the matcher's global store

            // warm-up: one transaction through the whole pipeline, not measured
            String warm = anvil.sendEth(sender, watched, BigInteger.ONE);
            awaitNotification(telegram, warm, Duration.ofSeconds(60));
            Thread.sleep(interval);

            List<Instant> sentAt = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            List<Double> rawMillis = new ArrayList<>();
            for (int i = 0; i < txs; i++) {
                long t0 = System.nanoTime();
                String hash = i % 2 == 0
                        ? anvil.sendEth(sender, watched, new BigInteger("1500000000000000000").add(
                                BigInteger.valueOf(i)))
                        : devnet.sendToken(anvil, sender, watched, BigInteger.valueOf(2500 + i)
                                .multiply(Enrichment.TOKEN_UNIT));
                Instant returned = Instant.now();
                anvil.rpc("eth_getTransactionReceipt", hash);
                rawMillis.add((System.nanoTime() - t0) / 1e6);
                sentAt.add(returned);
                hashes.add(hash.toLowerCase(Locale.ROOT));
                Thread.sleep(Math.max(0, interval - (System.nanoTime() - t0) / 1_000_000));
            }
            List<Double> latencies = new ArrayList<>();
            List<Double> toObserved = new ArrayList<>();
            List<Double> toCommitted = new ArrayList<>();
            List<Double> toBlockVisible = new ArrayList<>();
            List<Double> blockToAlert = new ArrayList<>();
            List<Double> toSent = new ArrayList<>();
            for (int i = 0; i < txs; i++) {
                SentMessage message = awaitNotification(telegram, hashes.get(i), Duration.ofSeconds(30)).orElse(
                        null);
                if (message == null) {
                    System.out.printf("B: no notification for tx %s%n", hashes.get(i));
                    continue;
                }
                devnet.check(message.text(), sender);
                long sent = sentAt.get(i).toEpochMilli();
                latencies.add((double) Duration.between(sentAt.get(i), message.at()).toMillis());
                Seen stage = seen.get(hashes.get(i));
                if (stage != null) {
                    toObserved.add((double) stage.observedAtMillis() - sent);
                    toCommitted.add((double) stage.committedAtMillis() - stage.observedAtMillis());
                    toSent.add((double) message.at().toEpochMilli() - stage.committedAtMillis());
                    Long block = blockSeen.get(hashes.get(i));
                    if (block != null) {
                        toBlockVisible.add((double) block - stage.observedAtMillis());
                        blockToAlert.add((double) stage.committedAtMillis() - block);
                    }
                }
            }
            System.out.printf("B [%s]: %d transactions (native and token in turn), one every %d ms, 0 confirmations, "
                    + "CHAINWATCH_POLL_INTERVAL %s; %d notifications checked for %s%n", Enrichment.label(enrich), txs,
                    interval, env.get("CHAINWATCH_POLL_INTERVAL"), latencies.size(), enrich
                            ? "a dollar value and the sender's ENS name"
                            : "no value and no name");
            System.out.printf("   send returned → notification accepted: p50 %.0f ms  p99 %.0f ms  max %.0f ms "
                    + "(targets 500 / 1500 ms)%n", pct(latencies, 0.5), pct(latencies, 0.99), pct(latencies, 1.0));
            System.out.printf("   baseline, raw anvil eth_sendTransaction + eth_getTransactionReceipt: p50 %.1f ms  "
                    + "p99 %.1f ms%n", pct(rawMillis, 0.5), pct(rawMillis, 0.99));
            System.out.printf("   ratio p50 pipeline/raw: %.1f%n", pct(latencies, 0.5) / pct(rawMillis, 0.5));
            System.out.printf("   stages p50 / p99 (ms): send → ingestor saw the block %.0f / %.0f; "
                    + "→ alert committed by the matcher %.0f / %.0f; → notification accepted %.0f / %.0f%n",
                    pct(
                            toObserved, 0.5),
                    pct(toObserved, 0.99), pct(toCommitted, 0.5), pct(toCommitted, 0.99),
                    pct(toSent, 0.5), pct(toSent, 0.99));
            System.out.printf("   of which p50 / p99 (ms): ingestor saw → block committed to chainwatch.blocks %.0f / "
                    + "%.0f; block visible → alert committed (matcher, EOS) %.0f / %.0f%n", pct(toBlockVisible, 0.5),
                    pct(toBlockVisible, 0.99), pct(blockToAlert, 0.5), pct(blockToAlert, 0.99));
            System.out.printf("   429 answers: %d%n", telegram.tooManyRequestsCount());
            return pct(latencies, 0.5);
        } finally {
            watching.set(false);
            if (watcher != null) {
                watcher.join(5000);
            }
            if (blockWatcher != null) {
                blockWatcher.join(5000);
            }
            if (context != null) {
                context.close();
            }
            telegram.close();
            anvil.close();
            kafka.close();
            try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                    Statement s = c
                            .createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static void watchAlerts(KafkaSettings kafka, AtomicBoolean running, Map<String, Seen> seen) {
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(Map.copyOf(kafka.consumer("bench-watch",
                "bench-watch-" + UUID.randomUUID())), new StringDeserializer(), Topics.ALERTS.valueSerde()
                        .deserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            while (running.get()) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    seen.putIfAbsent(record.value().getTxHash().toLowerCase(Locale.ROOT), new Seen(record.value()
                            .getObservedAtMillis(), now));
                }
            }
        }
    }

    private static void awaitMessages(BotApiDouble telegram, int n, Duration timeout) {
        telegram.awaitMessages(CHAT, n, timeout);
    }

    private static Optional<SentMessage> awaitNotification(BotApiDouble telegram, String hash, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lower = hash.toLowerCase(Locale.ROOT);
        while (System.nanoTime() < deadline) {
            Optional<SentMessage> found = telegram.messagesTo(CHAT).stream().filter(m -> !m.edit() && m.text()
                    .toLowerCase(Locale.ROOT).contains(lower)).findFirst();
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    /** The {@code q} quantile (nearest rank); NaN when empty. */
    static double pct(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }
}
