package io.chainwatch.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.devkit.replay.ReplayChain;
import io.chainwatch.devkit.replay.ReplayNode;
import io.chainwatch.ingestor.Backfill;
import io.chainwatch.ingestor.IngestorSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code bench/run ingest-ceiling}: the ingestor's own ceiling. The backfill (the real one, EOS into an embedded
 * Kafka) reads full blocks with receipts from a {@link ReplayNode} that serves them from memory, so the node costs
 * almost nothing and the ingestor is what is measured; the baseline is the rate at which a minimal concurrent client
 * reads the same calls from the same node. Each path gets an unmeasured pass over a prefix first (JIT, connections),
 * then {@code -Drounds} measured rounds, each backfill paired with a raw pass just before it (the machine is shared);
 * the figures are the medians. Target: more than 10,000 transactions a second.
 */
public final class IngestCeilingBenchmark {

    public static void main(String[] args) throws Exception {
        int blocks = Integer.parseInt(System.getProperty("blocks", "2000"));
        int txPerBlock = Integer.parseInt(System.getProperty("txPerBlock", "150"));
        int parallelism = Integer.parseInt(System.getProperty("parallelism", "8"));
        int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
        System.out.printf("generating %d blocks of %d transactions (a third ERC-20 transfers with logs)…%n", blocks,
                txPerBlock);
        ReplayChain chain = ReplayChain.generate(31337, blocks, txPerBlock, 19);
        try (ReplayNode node = ReplayNode.start(chain, parallelism);
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startTemporary()) {
            Map<String, String> env = new HashMap<>();
            env.put(EnvNames.CHAINS, "devnet");
            env.put("CHAINWATCH_RPC_DEVNET", node.rpcUrl());
            env.put(EnvNames.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            env.put("CHAINWATCH_INGEST_PARALLELISM", Integer.toString(parallelism));
            IngestorSettings settings = IngestorSettings.from(RuntimeEnv.of(env));
            long warmUpTo = Math.min(blocks, Math.max(200, blocks / 4));
            IngestBenchmark.rawClient(node.rpcUrl(), 1, warmUpTo, parallelism);
            Backfill.run(settings, "devnet", 1, warmUpTo, new SimpleMeterRegistry(), (d, t, r, x) -> {
            });
            double[] raw = new double[rounds];
            double[] ours = new double[rounds];
            double[] ratio = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                raw[round] = IngestBenchmark.rawClient(node.rpcUrl(), 1, blocks, parallelism);
                Backfill.Result result = Backfill.run(settings, "devnet", 1, blocks, new SimpleMeterRegistry(), (d,
                        t, r, x) -> {
                });
                if (result.transactions() != (long) blocks * txPerBlock) {
                    throw new IllegalStateException("published " + result.transactions() + " transactions, not "
                            + (long) blocks * txPerBlock);
                }
                ours[round] = result.blocksPerSecond();
                ratio[round] = ours[round] / raw[round];
                System.out.printf("  round %d: backfill %7.1f blocks/s %8.0f tx/s, raw just before %7.1f blocks/s "
                        + "%8.0f tx/s, ratio %.2f%n", round + 1, ours[round], ours[round] * txPerBlock, raw[round],
                        raw[round] * txPerBlock, ratio[round]);
            }
            double rawMedian = median(raw);
            double oursMedian = median(ours);
            System.out.printf("replay node, raw client (block+receipts, %d concurrent): %8.1f blocks/s %9.0f tx/s%n",
                    parallelism, rawMedian, rawMedian * txPerBlock);
            System.out.printf("chainwatch backfill → Kafka (EOS):                      %8.1f blocks/s %9.0f tx/s%n",
                    oursMedian, oursMedian * txPerBlock);
            System.out.printf("ratio chainwatch/raw: %.2f (median of %d rounds); target > 10,000 tx/s: %s%n", median(
                    ratio), rounds, oursMedian * txPerBlock > 10_000 ? "met" : "NOT met");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
