package io.chainwatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.bot.BotService;
import io.chainwatch.bot.BotSettings;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code bench/run bot}: answer latency of the bot front end when many chats talk at once. {@value #DEFAULT_CHATS}
 * chats each send {@value #DEFAULT_COMMANDS} commands (/watch, /list, /unwatch, /help in turn) to the Bot API double,
 * paced so that every chat writes at most once a second and all replies together stay within Telegram's 30 msg/s per
 * bot ({@value #DEFAULT_RATE} commands/s offered). Latency runs from the user's message entering the double to the
 * bot's reply being accepted by it ({@link SentMessage#at()}). The baseline, measured in the same run on the same
 * double with the same load, is a bare long-polling echo bot (getUpdates, then sendMessage at once): the cost of the
 * Bot API round trip itself. chainwatch adds parsing, Postgres and the outbox. Properties: {@code -Dchats},
 * {@code -Dcommands}, {@code -Drate}.
 */
public final class BotBenchmark {

    static final int DEFAULT_CHATS = 100;
    static final int DEFAULT_COMMANDS = 20;
    static final int DEFAULT_RATE = 25;
    static final Duration TARGET_P99 = Duration.ofMillis(200);
    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";

    public static void main(String[] args) throws Exception {
        int chats = Integer.getInteger("chats", DEFAULT_CHATS);
        int commands = Integer.getInteger("commands", DEFAULT_COMMANDS);
        int rate = Integer.getInteger("rate", DEFAULT_RATE);
        String database = "chainwatch_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE DATABASE " + database);
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary();
                BotApiDouble telegram = BotApiDouble.start(TOKEN)) {
            TopicProvisioner.ensureAll(new KafkaSettings(kafka.bootstrapServers()));
            System.out.printf("%d chats × %d commands, %d commands/s offered (each chat one every %.1f s)…%n", chats,
                    commands, rate, chats / (double) rate);

            Result echo;
            try (EchoBot bot = EchoBot.start(telegram.baseUrl())) {
                run(telegram, 900_000, 3, 1, 10, "warm-up");
                echo = run(telegram, 1_000_000, chats, commands, rate, "echo");
            }
            Map<String, String> env = new HashMap<>();
            env.put(EnvNames.TELEGRAM_BOT_TOKEN, TOKEN);
            env.put(EnvNames.TELEGRAM_API_URL, telegram.baseUrl());
            env.put(EnvNames.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            env.put(EnvNames.CHAINS, "devnet");
            env.put("CHAINWATCH_RPC_DEVNET", "http://127.0.0.1:9"); // no node is asked; never a public endpoint
            env.put(EnvNames.DB_URL, "jdbc:postgresql://127.0.0.1:5432/" + database);
            env.put("CHAINWATCH_DB_USER", "postgres");
            try (BotService service = new BotService(BotSettings.from(RuntimeEnv.of(env)), new SimpleMeterRegistry(),
                    Clock.systemUTC())) {
                service.start();
                run(telegram, 2_900_000, 5, 4, 10, "warm-up");
                Result ours = run(telegram, 3_000_000, chats, commands, rate, "chainwatch");
                System.out.println();
                System.out.println(echo.line("echo bot (baseline)"));
                System.out.println(ours.line("chainwatch bot"));
                System.out.printf("ratio chainwatch/echo: p50 %.2f, p99 %.2f; p99 vs %d ms target: %.2f (≤ 1 is"
                        + " within)%n", ours.p50() / Math.max(0.1, echo.p50()),
                        ours.p99() / Math.max(0.1, echo
                                .p99()),
                        TARGET_P99.toMillis(), ours.p99() / TARGET_P99.toMillis());
                System.out.printf("429 answers from the double: %d; replies missing: echo %d, chainwatch %d%n",
                        telegram.tooManyRequestsCount(), echo.missing(), ours.missing());
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        // telegrambots' long-polling session leaves a non-daemon thread behind after close(); do not wait for it
        System.exit(0);
    }

    record Result(List<Double> latenciesMs, double seconds, int missing) {
        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double percentile(double p) {
            List<Double> sorted = latenciesMs.stream().sorted().toList();
            return sorted.isEmpty()
                    ? Double.NaN
                    : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted
                            .size()) - 1));
        }

        String line(String name) {
            return String.format("%-20s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %6.1f replies/s  (%d replies)", name,
                    p50(), p99(), percentile(1.0), latenciesMs.size() / seconds, latenciesMs.size());
        }
    }

    /** Chats {@code firstChat..} send their commands at the paced rate; returns every command's reply latency. */
    static Result run(BotApiDouble telegram, long firstChat, int chats, int commands, int rate, String name)
            throws Exception {
        Duration perChat = Duration.ofNanos(Math.max(1_000_000_000L, 1_000_000_000L * chats / rate));
        long start = System.nanoTime() + 200_000_000L;
        List<Future<List<Instant>>> sends = new ArrayList<>();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < chats; c++) {
                long chat = firstChat + c;
                long offset = perChat.toNanos() * c / chats;
                sends.add(users.submit(() -> {
                    List<Instant> sent = new ArrayList<>();
                    for (int i = 0; i < commands; i++) {
                        LockSupport.parkNanos(start + offset + perChat.toNanos() * i - System.nanoTime());
                        sent.add(Instant.now());
                        telegram.userSends(chat, command(chat, i));
                    }
                    return sent;
                }));
            }
        }
        List<Double> latencies = new ArrayList<>();
        int missing = 0;
        Instant last = Instant.MIN;
        for (int c = 0; c < chats; c++) {
            List<Instant> sent = sends.get(c).get();
            List<SentMessage> replies = telegram.awaitMessages(firstChat + c, commands, Duration.ofSeconds(30));
            missing += commands - Math.min(commands, replies.size());
            for (int i = 0; i < Math.min(commands, replies.size()); i++) {
                latencies.add(Duration.between(sent.get(i), replies.get(i).at()).toNanos() / 1e6);
                last = replies.get(i).at().isAfter(last) ? replies.get(i).at() : last;
            }
        }
        double seconds = Duration.between(Instant.now().minusNanos(System.nanoTime() - start), last).toNanos() / 1e9;
        return new Result(latencies, Math.max(seconds, 1e-3), missing);
    }

    static String command(long chat, int i) {
        String address = String.format("0x%040x", chat * 1_000 + i / 4);
        return switch (i % 4) {
            case 0 -> "/watch devnet " + address + " bench";
            case 1 -> "/list";
            case 2 -> "/unwatch devnet " + address;
            default -> "/help";
        };
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The baseline: a long-polling bot that answers every message with "echo" at once, each send on its own thread. */
    static final class EchoBot implements AutoCloseable {
        private final HttpClient http = HttpClient.newHttpClient();
        private final ObjectMapper json = new ObjectMapper();
        private final String base;
        private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        private final Thread poller;
        private volatile boolean running = true;

        private EchoBot(String apiUrl) {
            this.base = apiUrl + "/bot" + TOKEN + "/";
            this.poller = Thread.ofPlatform().name("echo-bot").daemon().start(this::poll);
        }

        static EchoBot start(String apiUrl) {
            return new EchoBot(apiUrl);
        }

        private void poll() {
            long offset = 0;
            while (running) {
                try {
                    JsonNode answer = json.readTree(post("getUpdates", "{\"offset\":" + offset + ",\"timeout\":1}"));
                    for (JsonNode update : answer.path("result")) {
                        offset = update.get("update_id").asLong() + 1;
                        long chat = update.path("message").path("chat").path("id").asLong();
                        senders.execute(() -> post("sendMessage", "{\"chat_id\":" + chat + ",\"text\":\"echo\"}"));
                    }
                } catch (Exception e) {
                    if (running) {
                        System.err.println("echo bot: " + e.getMessage());
                    }
                }
            }
        }

        private String post(String method, String body) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + method)).header("Content-Type",
                        "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (Exception e) {
                throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            poller.join(Duration.ofSeconds(5));
            senders.shutdown();
        }
    }
}
