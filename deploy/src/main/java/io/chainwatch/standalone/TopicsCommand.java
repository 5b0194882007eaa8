package io.chainwatch.standalone;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.ReplicationAudit;
import io.chainwatch.kafka.ReplicationSettings;
import io.chainwatch.kafka.TopicInspector;
import io.chainwatch.kafka.TopicReport;

/**
 * {@code ./chainwatch topics [--raise-replication [--timeout 10m]]}: every chainwatch topic (Kafka Streams' internal
 * ones included) with its partitions, replication, min ISR, under-replicated and offline partitions, held against the
 * configured replication; with {@code --raise-replication}, raises the topics below it ({@link ReplicationRaiser}).
 * Exit code 1 when a partition is offline or raising did not finish, 2 on a usage error.
 */
public final class TopicsCommand {

    /** How long {@code --raise-replication} waits for the reassignment by default. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private TopicsCommand() {
    }

    public static void main(String[] args) {
        boolean raise = false;
        Duration timeout = DEFAULT_TIMEOUT;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--raise-replication" -> raise = true;
                    case "--timeout" -> {
                        if (++i >= args.length) {
                            throw new IllegalArgumentException("--timeout needs a value");
                        }
                        timeout = RuntimeEnv.of(Map.of("--timeout", args[i])).getDuration("--timeout", timeout);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("chainwatch topics: " + e.getMessage());
            System.err.println("usage: ./chainwatch topics [--raise-replication [--timeout 10m]]");
            System.exit(2);
        }
        System.exit(run(env(), raise, timeout, System.out));
    }

    /** The environment with the standalone broker's address when {@code KAFKA_BOOTSTRAP_SERVERS} is not set. */
    static RuntimeEnv env() {
        RuntimeEnv env = RuntimeEnv.system();
        Map<String, String> overrides = new HashMap<>();
        if (env.get(KafkaSettings.BOOTSTRAP).isEmpty()) {
            overrides.put(KafkaSettings.BOOTSTRAP, "127.0.0.1:" + env.getInt("CHAINWATCH_KAFKA_PORT",
                    StandaloneSettings.DEFAULT_KAFKA_PORT));
        }
        return env.with(overrides);
    }

    /** Prints the topics (and raises them when asked); returns the exit code. */
    static int run(RuntimeEnv env, boolean raise, Duration timeout, PrintStream out) {
        KafkaSettings kafka = KafkaSettings.from(env);
        String matcher = TopicInspector.matcherApplicationId(env);
        try (Admin admin = Admin.create(kafka.common("chainwatch-topics"))) {
            ReplicationAudit audit = TopicInspector.audit(admin, kafka.replication(), matcher);
            out.print(table(audit));
            if (raise) {
                boolean done = new ReplicationRaiser(admin, out).raise(audit, timeout);
                audit = TopicInspector.audit(admin, kafka.replication(), matcher);
                out.println();
                out.print(table(audit));
                if (!done) {
                    return 1;
                }
            }
            return audit.offlinePartitions() > 0 ? 1 : 0;
        } catch (ConfigException e) {
            out.println("chainwatch topics: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            out.println("chainwatch topics: cannot describe the topics at " + kafka.bootstrapServers() + ": " + e);
            return 1;
        }
    }

    /** The audit as a table, for people; topics below the configured replication are marked. */
    static String table(ReplicationAudit audit) {
        int width = Math.max(5, audit.topics().stream().mapToInt(t -> t.name().length()).max().orElse(5));
        StringBuilder out = new StringBuilder();
        out.append(audit.brokers()).append(" broker(s); configured ").append(audit.wanted()).append(" (")
                .append(ReplicationSettings.REPLICATION).append(", ").append(ReplicationSettings.MIN_ISR).append(")\n");
        String format = "%-" + width + "s  %10s  %11s  %7s  %16s  %7s%s%n";
        out.append(String.format(format, "topic", "partitions", "replication", "min ISR", "under-replicated",
                "offline", ""));
        for (TopicReport t : audit.topics()) {
            out.append(String.format(format, t.name(), t.partitions(), t.replication(), t.minIsr(), t
                    .underReplicated(), t.offline(), t.isBelow(audit.wanted()) ? "  ← below the configured" : ""));
        }
        return out.toString();
    }
}
