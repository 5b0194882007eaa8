package io.chainwatch.bench;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.DoubleStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.ingestor.Backfill;
import io.chainwatch.ingestor.IngestorService;
import io.chainwatch.ingestor.IngestorSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.BlockRef;
import io.chainwatch.schema.IngestCursor;
import io.chainwatch.schema.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code bench/run ingest}: backfill throughput from anvil blocks of about 100 transactions each, as a ratio to the
 * rate at which the same anvil serves the same calls (full block + receipts) to a minimal concurrent client. Then the
 * live follower's catch-up over the same blocks: an ingestor whose cursor sits just below them (as after downtime),
 * timed from the moment it has read its cursor until it has published anvil's head, against the same raw client
 * measured just before each round (the machine is shared: pairing keeps load changes out of the ratio).
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        int blocks = Integer.parseInt(System.getProperty("blocks", "120"));
        int txPerBlock = Integer.parseInt(System.getProperty("txPerBlock", "100"));
        int parallelism = Integer.parseInt(System.getProperty("parallelism", "8"));
        int catchUpRounds = Integer.parseInt(System.getProperty("catchUpRounds", "3"));
        Duration rpcLatency = Duration.ofMillis(Long.parseLong(System.getProperty("rpcLatencyMs", "0")));
        try (AnvilNode anvil = AnvilNode.start();
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary();
                LatencyProxy distant = new LatencyProxy(anvil.rpcUrl(), rpcLatency)) {
            String rpcUrl = rpcLatency.isZero() ? anvil.rpcUrl() : distant.url();
            if (!rpcLatency.isZero()) {
                System.out.printf("every RPC call of both clients answered %d ms late%n", rpcLatency.toMillis());
            }
            Map<String, String> env = new HashMap<>();
            env.put(EnvNames.CHAINS, "devnet");
            env.put("CHAINWATCH_RPC_DEVNET", rpcUrl);
            env.put(EnvNames.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            env.put("CHAINWATCH_INGEST_PARALLELISM", Integer.toString(parallelism));
            IngestorSettings settings = IngestorSettings.from(RuntimeEnv.of(env));
            System.out.printf("filling anvil with %d blocks of %d transactions…%n", blocks, txPerBlock);
            long first = fill(anvil, blocks, txPerBlock);
            long last = anvil.blockNumber();
            // one full unmeasured pass of each path first, so neither pays JIT and connection set-up when measured
            rawClient(rpcUrl, first, last, parallelism);
            Backfill.run(settings, "devnet", first, last, new SimpleMeterRegistry(), (d, t, r, x) -> {
            });
            double raw = rawClient(rpcUrl, first, last, parallelism);
            Backfill.Result result = Backfill.run(settings, "devnet", first, last, new SimpleMeterRegistry(), (d, t, r,
                    x) -> {
            });
            double ours = result.blocksPerSecond();
            System.out.printf("raw client (block+receipts, %d concurrent): %8.1f blocks/s %10.0f tx/s%n", parallelism,
                    raw, raw * txPerBlock);
            System.out.printf("chainwatch backfill → Kafka (EOS):        %8.1f blocks/s %10.0f tx/s%n", ours, ours
                    * txPerBlock);
            System.out.printf("ratio chainwatch/raw: %.2f (target ≥ 0.80)%n", ours / raw);

            // the live ingestor after downtime: its cursor just below the filled blocks, as an operator would set it
            List<double[]> rounds = new ArrayList<>();
            for (int round = 1; round <= catchUpRounds; round++) {
                double rawNow = rawClient(rpcUrl, first, last, parallelism);
                setCursor(settings, first - 1, anvil.blockHash(first - 1).orElseThrow());
                double catchUp = (last - first + 1) * 1e9 / followUntilCursorReaches(settings, last).toNanos();
                rounds.add(new double[]{catchUp, catchUp / rawNow});
                System.out.printf("  catch-up round %d: %6.1f blocks/s, raw just before %6.1f blocks/s, ratio %.2f%n",
                        round, catchUp, rawNow, catchUp / rawNow);
            }
            double catchUp = median(rounds.stream().mapToDouble(r -> r[0]));
            System.out.printf("chainwatch live catch-up, %d behind (EOS): %7.1f blocks/s %10.0f tx/s (median of %d)%n",
                    last - first + 1, catchUp, catchUp * txPerBlock, catchUpRounds);
            System.out.printf("ratio catch-up/raw: %.2f (median of rounds, each against a raw pass just before it)%n",
                    median(rounds.stream().mapToDouble(r -> r[1])));
        }
    }

    /**
     * Runs the live ingestor until its cursor reaches {@code target}; returns how long that took from the moment it had
     * read its cursor (so producer and cursor set-up are not counted, only the catch-up itself).
     */
    static Duration followUntilCursorReaches(IngestorSettings settings, long target) throws TimeoutException {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (IngestorService ingestor = new IngestorService(settings, metrics, Clock.systemUTC())) {
            ingestor.start();
            Gauge cursor = metrics.get("chainwatch_ingest_cursor").tag("chain", "devnet").gauge();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (cursor.value() < 0) { // -1 until the cursor is read (or, without one, the head published)
                awaitTick(deadline);
            }
            long started = System.nanoTime();
            while (cursor.value() < target) {
                awaitTick(deadline);
            }
            return Duration.ofNanos(System.nanoTime() - started);
        }
    }

    /** Writes the live ingestor's cursor, as resetting it by hand would: it resumes right after {@code number}. */
    static void setCursor(IngestorSettings settings, long number, String hash) {
        TopicProvisioner.ensureAll(settings.kafka());
        IngestCursor cursor = IngestCursor.newBuilder().setChain("devnet").setNumber(number).setHash(hash).setRecent(
                List.of(new BlockRef(number, hash))).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.kafka().producer("bench-cursor"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.INGEST_CURSORS.name(), "devnet", Topics.INGEST_CURSORS
                    .serializeValue(cursor)));
        }
    }

    private static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static void awaitTick(long deadline) throws TimeoutException {
        if (System.nanoTime() > deadline) {
            throw new TimeoutException("the ingestor did not reach its target within 5 minutes");
        }
        LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }

    /** Mines {@code blocks} blocks of {@code txPerBlock} transfers each; returns the first such block. */
    static long fill(AnvilNode anvil, int blocks, int txPerBlock) {
        List<String> accounts = anvil.accounts();
        anvil.setAutomine(false);
        long first = anvil.blockNumber() + 1;
        for (int b = 0; b < blocks; b++) {
            for (int t = 0; t < txPerBlock; t++) {
                anvil.sendEth(accounts.get(t % 5), accounts.get(5 + t % 5), BigInteger.valueOf(1 + t));
            }
            anvil.mine(1);
        }
        anvil.setAutomine(true);
        return first;
    }

    /** Blocks per second a bare HttpClient gets for eth_getBlockByNumber(full) + eth_getBlockReceipts. */
    static double rawClient(String url, long from, long to, int parallelism) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        long started = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            String hex = "0x" + Long.toHexString(n);
            futures.add(pool.submit(() -> {
                int bytes = post(client, url, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\","
                        + "\"params\":[\"" + hex + "\",true]}").length();
                return bytes + post(client, url, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_getBlockReceipts\","
                        + "\"params\":[\"" + hex + "\"]}").length();
            }));
        }
        for (Future<Integer> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return (to - from + 1) / seconds;
    }

    private static String post(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(
                HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
