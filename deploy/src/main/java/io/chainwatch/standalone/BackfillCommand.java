package io.chainwatch.standalone;

import java.util.HashMap;
import java.util.Map;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ingestor.Backfill;
import io.chainwatch.ingestor.IngestorSettings;
import io.chainwatch.kafka.KafkaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code ./chainwatch backfill --chain C --from N --to M}: re-ingests a range into {@code chainwatch.blocks} (marked as
 * backfill) against the Kafka of {@code KAFKA_BOOTSTRAP_SERVERS}, or the standalone broker on localhost:9092.
 */
public final class BackfillCommand {

    private BackfillCommand() {
    }

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        if (!options.keySet().containsAll(java.util.List.of("chain", "from", "to"))) {
            System.err.println("usage: ./chainwatch backfill --chain <chain> --from <block> --to <block>");
            System.exit(2);
        }
        RuntimeEnv env = RuntimeEnv.system();
        Map<String, String> overrides = new HashMap<>();
        if (env.get(KafkaSettings.BOOTSTRAP).isEmpty()) {
            overrides.put(KafkaSettings.BOOTSTRAP, "127.0.0.1:" + env.getInt("CHAINWATCH_KAFKA_PORT",
                    StandaloneSettings.DEFAULT_KAFKA_PORT));
        }
        IngestorSettings settings = IngestorSettings.from(env.with(overrides));
        long from = Long.parseLong(options.get("from"));
        long to = Long.parseLong(options.get("to"));
        Backfill.Result result = Backfill.run(settings, options.get("chain"), from, to, new SimpleMeterRegistry(), (
                done, total, rate, txs) -> System.err.print("\r" + bar(done, total) + String.format(
                        " %d/%d blocks  %.1f blocks/s  %d tx  ETA %ds ", done, total, rate, txs,
                        (long) ((total - done) / Math
                                .max(rate, 1e-9)))));
        System.err.println();
        System.out.printf("backfilled %d blocks (%d transactions) of %s in %.1f s: %.1f blocks/s%n", result.blocks(),
                result.transactions(), options.get("chain"), result.took().toMillis() / 1000.0,
                result.blocksPerSecond());
    }

    static String bar(long done, long total) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
