package io.chainwatch.bench;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ingestor.Backfill;
import io.chainwatch.ingestor.IngestorSettings;
import io.chainwatch.testsupport.AnvilNode;
import io.chainwatch.testsupport.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code bench/run ingest}: backfill throughput from anvil blocks of about 100 transactions each, as a ratio to the
 * rate at which the same anvil serves the same calls (full block + receipts) to a minimal concurrent client.
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        int blocks = Integer.parseInt(System.getProperty("blocks", "120"));
        int txPerBlock = Integer.parseInt(System.getProperty("txPerBlock", "100"));
        int parallelism = Integer.parseInt(System.getProperty("parallelism", "8"));
        try (AnvilNode anvil = AnvilNode.start(); EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary()) {
            System.out.printf("filling anvil with %d blocks of %d transactions…%n", blocks, txPerBlock);
            long first = fill(anvil, blocks, txPerBlock);
            long last = anvil.blockNumber();

            Map<String, String> env = new HashMap<>();
            env.put("CHAINWATCH_CHAINS", "devnet");
            env.put("CHAINWATCH_RPC_DEVNET", anvil.rpcUrl());
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("CHAINWATCH_INGEST_PARALLELISM", Integer.toString(parallelism));
            IngestorSettings settings = IngestorSettings.from(RuntimeEnv.of(env));
            // one full unmeasured pass of each path first, so neither pays JIT and connection set-up when measured
            rawClient(anvil.rpcUrl(), first, last, parallelism);
            Backfill.run(settings, "devnet", first, last, new SimpleMeterRegistry(), (d, t, r, x) -> {
            });
            double raw = rawClient(anvil.rpcUrl(), first, last, parallelism);
            Backfill.Result result = Backfill.run(settings, "devnet", first, last, new SimpleMeterRegistry(), (d, t, r,
                    x) -> {
            });
            double ours = result.blocksPerSecond();
            System.out.printf("raw client (block+receipts, %d concurrent): %8.1f blocks/s %10.0f tx/s%n", parallelism,
                    raw, raw * txPerBlock);
            System.out.printf("chainwatch backfill → Kafka (EOS):        %8.1f blocks/s %10.0f tx/s%n", ours, ours
                    * txPerBlock);
            System.out.printf("ratio chainwatch/raw: %.2f (target ≥ 0.80)%n", ours / raw);
        }
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
