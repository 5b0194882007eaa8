package io.chainwatch.ingestor.rpc;

import java.time.Duration;
import java.util.Optional;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

/**
 * Policy of the RPC pool.
 *
 * @param timeout per-call timeout ({@code CHAINWATCH_RPC_TIMEOUT}, default {@value #DEFAULT_TIMEOUT_SECONDS} s)
 * @param retryInitialDelay first backoff of a retry round over the pool (1 s)
 * @param retryMaxDelay longest backoff (8 s); the delays run 1 → 2 → 4 → 8 s, with jitter
 * @param breakerFailures consecutive failures that open an endpoint's breaker (5)
 * @param breakerOpen how long an open breaker stays open before half-open (60 s)
 * @param maxLagBlocks an endpoint further behind the best head than this is not used to follow the head (5)
 * @param pollIntervalOverride one poll interval for all chains, instead of each preset's
 * @param capabilityRecheck how long an endpoint's capabilities are trusted before they are probed again, and how long
 *        a missing capability or a smaller batch limit is remembered ({@code CHAINWATCH_RPC_CAPABILITY_RECHECK},
 *        default {@value #DEFAULT_CAPABILITY_RECHECK_MINUTES} min)
 * @param maxBatchSize requests per JSON-RPC batch until an endpoint says it takes fewer
 *        ({@code CHAINWATCH_RPC_MAX_BATCH}, default {@value #DEFAULT_MAX_BATCH}: Erigon's default limit, below geth's,
 *        Nethermind's and Besu's)
 */
public record RpcSettings(Duration timeout, Duration retryInitialDelay, Duration retryMaxDelay, int breakerFailures,
        Duration breakerOpen, int maxLagBlocks, Optional<Duration> pollIntervalOverride, Duration capabilityRecheck,
        int maxBatchSize) {

    public static final long DEFAULT_TIMEOUT_SECONDS = 30;
    public static final long DEFAULT_CAPABILITY_RECHECK_MINUTES = 30;
    public static final int DEFAULT_MAX_BATCH = 100;

    public static RpcSettings from(RuntimeEnv env) {
        int maxBatch = env.getInt("CHAINWATCH_RPC_MAX_BATCH", DEFAULT_MAX_BATCH);
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new ConfigException("CHAINWATCH_RPC_MAX_BATCH must be between 1 and 10000, got " + maxBatch);
        }
        Duration recheck = env.getDuration("CHAINWATCH_RPC_CAPABILITY_RECHECK", Duration.ofMinutes(
                DEFAULT_CAPABILITY_RECHECK_MINUTES));
        if (recheck.isNegative() || recheck.isZero()) {
            throw new ConfigException("CHAINWATCH_RPC_CAPABILITY_RECHECK must be positive, got " + recheck);
        }
        return new RpcSettings(env.getDuration("CHAINWATCH_RPC_TIMEOUT", Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS)),
                env.getDuration("CHAINWATCH_RPC_RETRY_INITIAL", Duration.ofSeconds(1)), env.getDuration(
                        "CHAINWATCH_RPC_RETRY_MAX", Duration.ofSeconds(8)),
                env.getInt("CHAINWATCH_RPC_BREAKER_FAILURES", 5),
                env.getDuration("CHAINWATCH_RPC_BREAKER_OPEN", Duration.ofSeconds(60)), env.getInt(
                        "CHAINWATCH_RPC_MAX_LAG_BLOCKS", 5),
                env.get("CHAINWATCH_POLL_INTERVAL").map(v -> env.getDuration(
                        "CHAINWATCH_POLL_INTERVAL", Duration.ZERO)),
                recheck, maxBatch);
    }
}
