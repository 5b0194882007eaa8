package io.chainwatch.kafka;

import java.util.Optional;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

/**
 * How many copies of each partition chainwatch's topics keep, as configured; {@link #resolve(int)} turns it into the
 * {@link Replication} of a cluster of a known size.
 * <p>
 * Defaults: replication {@value #DEFAULT_REPLICATION}, or the number of brokers when the cluster has fewer (so the
 * one embedded broker of {@code ./chainwatch up} gets 1 by this rule, not by a hard-coded 1); min ISR replication − 1,
 * at least 1, so that one broker may be lost without refusing writes and no acknowledged write lives on one disk
 * only.
 *
 * @param replication {@value #REPLICATION}, when set
 * @param minIsr {@value #MIN_ISR}, when set
 */
public record ReplicationSettings(Optional<Integer> replication, Optional<Integer> minIsr) {

    public static final String REPLICATION = "CHAINWATCH_TOPIC_REPLICATION";
    public static final String MIN_ISR = "CHAINWATCH_TOPIC_MIN_ISR";
    /** Three copies: one broker can be lost, and a second one restarted, with no acknowledged record lost. */
    public static final int DEFAULT_REPLICATION = 3;
    /** Kafka's own ceiling for a replication factor (it is a short on the wire). */
    static final int MAX_REPLICATION = Short.MAX_VALUE;

    /** Nothing configured: the defaults, sized to the cluster. */
    public static final ReplicationSettings DEFAULTS = new ReplicationSettings(Optional.empty(), Optional.empty());

    public ReplicationSettings {
        replication.ifPresent(r -> {
            if (r < 1 || r > MAX_REPLICATION) {
                throw new ConfigException(REPLICATION + " must be between 1 and " + MAX_REPLICATION + ", got " + r);
            }
        });
        minIsr.ifPresent(m -> {
            if (m < 1) {
                throw new ConfigException(MIN_ISR + " must be at least 1, got " + m);
            }
        });
        if (replication.isPresent() && minIsr.isPresent() && minIsr.get() > replication.get()) {
            throw new ConfigException(MIN_ISR + " (" + minIsr.get() + ") must not exceed " + REPLICATION + " ("
                    + replication.get() + "): no write could ever be acknowledged");
        }
    }

    public static ReplicationSettings from(RuntimeEnv env) {
        return new ReplicationSettings(env.get(REPLICATION).map(v -> env.getInt(REPLICATION, 0)), env.get(MIN_ISR)
                .map(v -> env.getInt(MIN_ISR, 0)));
    }

    /**
     * The replication for a cluster of {@code brokers} brokers.
     *
     * @throws ConfigException when the configured replication needs more brokers than the cluster has, or the
     *         defaulted replication is below a configured min ISR
     */
    public Replication resolve(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster has at least one broker, got " + brokers);
        }
        int factor = replication.orElse(Math.min(DEFAULT_REPLICATION, brokers));
        if (factor > brokers) {
            throw new ConfigException(REPLICATION + " is " + factor + " but the Kafka cluster has " + brokers
                    + " broker(s): a topic cannot have more replicas than brokers; lower " + REPLICATION
                    + " or add brokers");
        }
        int isr = minIsr.orElse(Math.max(1, factor - 1));
        if (isr > factor) {
            throw new ConfigException(MIN_ISR + " is " + isr + " but the replication is " + factor + " (" + (replication
                    .isPresent() ? REPLICATION : "defaulted to the " + brokers + " broker(s)")
                    + "): no write could ever be acknowledged; lower " + MIN_ISR);
        }
        return new Replication((short) factor, isr);
    }

    /**
     * The copies every chainwatch topic keeps.
     *
     * @param factor replicas of each partition
     * @param minIsr in-sync replicas a write with {@code acks=all} needs ({@code min.insync.replicas})
     */
    public record Replication(short factor, int minIsr) {

        @Override
        public String toString() {
            return "replication " + factor + ", min ISR " + minIsr;
        }
    }
}
