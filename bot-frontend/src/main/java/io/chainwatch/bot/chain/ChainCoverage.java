package io.chainwatch.bot.chain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.chainwatch.config.ChainConfig;

/**
 * What {@code /status} shows per chain: the ingestor's last block (from its cursor), the node's head when a node
 * answers within the RPC timeout (asked for all chains at once, cached a few seconds) and the confirmation policy.
 * Thread-safe.
 */
public final class ChainCoverage {

    static final Duration HEAD_CACHE_TTL = Duration.ofSeconds(5);

    /**
     * One chain's coverage.
     *
     * @param chain the chain, with its default confirmations
     * @param cursor the ingestor's last committed block, empty before the first
     * @param head the node's latest block, empty when no node answered
     * @param chatConfirmations this chat's own confirmations on the chain, null for the default
     */
    record ChainStatus(ChainConfig chain, Optional<CoverageSource.Cursor> cursor, OptionalLong head,
            Integer chatConfirmations) {
    }

    private final List<ChainConfig> chains;
    private final CoverageSource cursors;
    private final NodeRpc rpc;
    private final TtlCache<OptionalLong> heads;
    private final ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor();

    public ChainCoverage(List<ChainConfig> chains, CoverageSource cursors, NodeRpc rpc, Clock clock) {
        this.chains = List.copyOf(chains);
        this.cursors = cursors;
        this.rpc = rpc;
        this.heads = new TtlCache<>(HEAD_CACHE_TTL, clock);
    }

    /** Every configured chain, in configuration order; waits at most about one RPC timeout. */
    public List<ChainStatus> now(Map<String, Integer> chatConfirmations) {
        List<CompletableFuture<OptionalLong>> asked = chains.stream().map(c -> CompletableFuture.supplyAsync(
                () -> heads.get(c.name(), () -> head(c.name())), askers)).toList();
        return java.util.stream.IntStream.range(0, chains.size()).mapToObj(i -> new ChainStatus(chains.get(i), cursors
                .cursor(chains.get(i).name()), asked.get(i).join(), chatConfirmations.get(chains.get(i).name())))
                .toList();
    }

    private OptionalLong head(String chain) {
        try {
            return OptionalLong.of(GasOracle.quantity(rpc.call(chain, rpc.deadline(), "eth_blockNumber"))
                    .longValueExact());
        } catch (NodeRpc.Unanswered | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
