package io.chainwatch.ingestor;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ingestor.rpc.RpcSettings;
import io.chainwatch.kafka.KafkaSettings;

/**
 * The ingestor's configuration, read from the runtime contract and validated at startup.
 *
 * @param chains the chains to follow
 * @param kafka where to publish
 * @param rpc failover, retry and breaker policy of the RPC pool
 * @param reorgWindow how many recent canonical blocks are remembered to find a common ancestor
 * @param fetchParallelism blocks fetched concurrently while catching up
 * @param batchBlocks blocks published per Kafka transaction while catching up
 * @param startBlock where a chain with no cursor starts; empty means at the current head
 * @param internalTransferChains chains whose internal transfers are read with {@code debug_traceBlockByNumber}
 *        ({@code CHAINWATCH_INTERNAL_TRANSFERS_<CHAIN>=true}; off by default: not every node offers the tracer)
 * @param maxResyncDepth how far below the reorg window a deeper reorg is still resynced by comparing the published
 *        history with the node ({@code CHAINWATCH_INGEST_MAX_RESYNC_DEPTH}); deeper, the chain stops and says so
 * @param wsStallTimeout a websocket that delivered no head for this long while polling saw the chain advance is
 *        reconnected ({@code CHAINWATCH_WS_STALL_TIMEOUT}); empty means the default of
 *        {@link #wsStallTimeout(ChainConfig)}
 */
public record IngestorSettings(List<ChainConfig> chains, KafkaSettings kafka, RpcSettings rpc, int reorgWindow,
        int fetchParallelism, int batchBlocks, OptionalLong startBlock, Set<String> internalTransferChains,
        int maxResyncDepth, Optional<Duration> wsStallTimeout) {

    /** Default of {@code CHAINWATCH_INGEST_REORG_WINDOW}. */
    public static final int DEFAULT_REORG_WINDOW = 128;
    /** Default of {@code CHAINWATCH_INGEST_PARALLELISM}. */
    public static final int DEFAULT_FETCH_PARALLELISM = 8;
    /** Default of {@code CHAINWATCH_INGEST_BATCH_BLOCKS}. */
    public static final int DEFAULT_BATCH_BLOCKS = 32;
    /** Default of {@code CHAINWATCH_INGEST_MAX_RESYNC_DEPTH}: blocks below the reorg window. */
    public static final int DEFAULT_MAX_RESYNC_DEPTH = 1024;
    /** Shortest default websocket stall timeout; slower chains get {@value #STALL_POLL_INTERVALS} poll intervals. */
    public static final Duration MIN_DEFAULT_WS_STALL_TIMEOUT = Duration.ofSeconds(60);
    static final int STALL_POLL_INTERVALS = 30;

    public static IngestorSettings from(RuntimeEnv env) {
        int window = env.getInt("CHAINWATCH_INGEST_REORG_WINDOW", DEFAULT_REORG_WINDOW);
        int parallelism = env.getInt("CHAINWATCH_INGEST_PARALLELISM", DEFAULT_FETCH_PARALLELISM);
        int batch = env.getInt("CHAINWATCH_INGEST_BATCH_BLOCKS", DEFAULT_BATCH_BLOCKS);
        requireRange("CHAINWATCH_INGEST_REORG_WINDOW", window, 2, 10_000);
        requireRange("CHAINWATCH_INGEST_PARALLELISM", parallelism, 1, 256);
        requireRange("CHAINWATCH_INGEST_BATCH_BLOCKS", batch, 1, 1000);
        int maxResync = env.getInt("CHAINWATCH_INGEST_MAX_RESYNC_DEPTH", DEFAULT_MAX_RESYNC_DEPTH);
        requireRange("CHAINWATCH_INGEST_MAX_RESYNC_DEPTH", maxResync, 0, 1_000_000);
        Optional<Duration> stall = env.get("CHAINWATCH_WS_STALL_TIMEOUT").map(v -> env.getDuration(
                "CHAINWATCH_WS_STALL_TIMEOUT", Duration.ZERO));
        stall.ifPresent(d -> requireRange("CHAINWATCH_WS_STALL_TIMEOUT (ms)", d.toMillis(), 100, 86_400_000));
        String start = env.get("CHAINWATCH_INGEST_START_BLOCK", "latest");
        OptionalLong startBlock;
        if (start.equalsIgnoreCase("latest")) {
            startBlock = OptionalLong.empty();
        } else {
            long n = env.getLong("CHAINWATCH_INGEST_START_BLOCK", 0);
            requireRange("CHAINWATCH_INGEST_START_BLOCK", n, 0, Long.MAX_VALUE);
            startBlock = OptionalLong.of(n);
        }
        List<ChainConfig> chains = ChainConfig.allFrom(env);
        Set<String> internal = new HashSet<>();
        for (ChainConfig chain : chains) {
            if (env.getBoolean("CHAINWATCH_INTERNAL_TRANSFERS_" + chain.name().toUpperCase(Locale.ROOT),
                    false)) {
                internal.add(chain.name());
            }
        }
        return new IngestorSettings(chains, KafkaSettings.from(env), RpcSettings.from(env), window, parallelism, batch,
                startBlock, Set.copyOf(internal), maxResync, stall);
    }

    static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** Whether internal transfers of {@code chain} are traced. */
    public boolean internalTransfers(ChainConfig chain) {
        return internalTransferChains.contains(chain.name());
    }

    /**
     * How long a chain's websocket may stay silent while polling sees new blocks before it is reconnected:
     * {@code CHAINWATCH_WS_STALL_TIMEOUT}, else {@value #STALL_POLL_INTERVALS} poll intervals but at least 60 s.
     */
    public Duration wsStallTimeout(ChainConfig chain) {
        return wsStallTimeout.orElseGet(() -> {
            Duration byPolls = pollInterval(chain).multipliedBy(STALL_POLL_INTERVALS);
            return byPolls.compareTo(MIN_DEFAULT_WS_STALL_TIMEOUT) > 0 ? byPolls : MIN_DEFAULT_WS_STALL_TIMEOUT;
        });
    }

    /** Poll interval of a chain: its preset's, unless {@code CHAINWATCH_POLL_INTERVAL} overrides all. */
    public Duration pollInterval(ChainConfig chain) {
        return rpc.pollIntervalOverride().orElse(chain.preset().pollInterval());
    }
}
