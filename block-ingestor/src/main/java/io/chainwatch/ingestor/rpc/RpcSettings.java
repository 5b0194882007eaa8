package io.chainwatch.ingestor.rpc;

import java.time.Duration;
import java.util.Optional;

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
 */
public record RpcSettings(Duration timeout, Duration retryInitialDelay, Duration retryMaxDelay, int breakerFailures,
        Duration breakerOpen, int maxLagBlocks, Optional<Duration> pollIntervalOverride) {

    public static final long DEFAULT_TIMEOUT_SECONDS = 30;

    public static RpcSettings from(RuntimeEnv env) {
        return new RpcSettings(env.getDuration("CHAINWATCH_RPC_TIMEOUT", Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS)),
                env.getDuration("CHAINWATCH_RPC_RETRY_INITIAL", Duration.ofSeconds(1)), env.getDuration(
                        "CHAINWATCH_RPC_RETRY_MAX", Duration.ofSeconds(8)),
                env.getInt("CHAINWATCH_RPC_BREAKER_FAILURES", 5),
                env.getDuration("CHAINWATCH_RPC_BREAKER_OPEN", Duration.ofSeconds(60)), env.getInt(
                        "CHAINWATCH_RPC_MAX_LAG_BLOCKS", 5),
                env.get("CHAINWATCH_POLL_INTERVAL").map(v -> env.getDuration(
                        "CHAINWATCH_POLL_INTERVAL", Duration.ZERO)));
    }
}
