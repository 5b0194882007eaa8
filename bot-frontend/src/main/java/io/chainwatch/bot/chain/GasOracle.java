package io.chainwatch.bot.chain;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.bot.store.BotErrors;

/**
 * Fee suggestions for {@code /gas}: {@code eth_feeHistory} over the last {@value #BLOCKS} blocks with reward
 * percentiles 10/50/90, falling back to {@code eth_gasPrice} on chains without it. Answers (and failures) are cached
 * per chain for {@link #CACHE_TTL}. Thread-safe.
 */
public final class GasOracle {

    private static final Logger LOG = LoggerFactory.getLogger(GasOracle.class);

    static final int BLOCKS = 20;
    static final int[] PERCENTILES = {10, 50, 90};
    /** Fees move every block; a few seconds keeps them current and spares the nodes. */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final NodeRpc rpc;
    private final TtlCache<Optional<GasQuote>> cache;

    public GasOracle(NodeRpc rpc, Clock clock) {
        this.rpc = rpc;
        this.cache = new TtlCache<>(CACHE_TTL, clock);
    }

    /** The chain's fees, or empty when its nodes did not answer in time. */
    public Optional<GasQuote> quote(String chain) {
        return cache.get(chain, () -> ask(chain));
    }

    private Optional<GasQuote> ask(String chain) {
        long deadline = rpc.deadline();
        try {
            JsonNode history = rpc.call(chain, deadline, "eth_feeHistory", "0x" + Integer.toHexString(BLOCKS),
                    "latest", PERCENTILES);
            return Optional.of(feeMarket(history));
        } catch (NodeRpc.Unanswered | RuntimeException e) {
            LOG.debug("eth_feeHistory failed, trying eth_gasPrice: {}", e.getMessage());
        }
        try {
            return Optional.of(new GasQuote.GasPrice(quantity(rpc.call(chain, deadline, "eth_gasPrice"))));
        } catch (NodeRpc.Unanswered | RuntimeException e) {
            LOG.info("Cannot tell gas fees of {}: {}", chain, BotErrors.redact(e.getMessage()));
            return Optional.empty();
        }
    }

    /** Reads an {@code eth_feeHistory} answer; throws IllegalArgumentException when it is not one. */
    public static GasQuote.FeeMarket feeMarket(JsonNode history) {
        JsonNode baseFees = history.path("baseFeePerGas");
        JsonNode ratios = history.path("gasUsedRatio");
        JsonNode rewards = history.path("reward");
        if (!baseFees.isArray() || baseFees.isEmpty() || !ratios.isArray()) {
            throw new IllegalArgumentException("not an eth_feeHistory answer: " + history);
        }
        int blocks = ratios.size();
        long oldest = quantity(history.path("oldestBlock")).longValueExact();
        List<List<BigInteger>> columns = new ArrayList<>();
        for (int p = 0; p < PERCENTILES.length; p++) {
            columns.add(new ArrayList<>());
        }
        for (int i = 0; i < blocks && i < rewards.size(); i++) {
            if (ratios.get(i).asDouble() == 0) {
                continue; // an empty block's "rewards" are zeros that say nothing about the tips people pay
            }
            for (int p = 0; p < PERCENTILES.length; p++) {
                columns.get(p).add(quantity(rewards.get(i).get(p)));
            }
        }
        return new GasQuote.FeeMarket(oldest + Math.max(0, blocks - 1), blocks, quantity(baseFees.get(baseFees.size()
                - 1)), quantity(baseFees.get(0)), median(columns.get(0)), median(columns.get(1)), median(columns.get(
                        2)));
    }

    static BigInteger median(List<BigInteger> values) {
        if (values.isEmpty()) {
            return BigInteger.ZERO;
        }
        List<BigInteger> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : sorted.get(middle - 1).add(sorted.get(middle)).shiftRight(1);
    }

    static BigInteger quantity(JsonNode node) {
        String text = node == null ? "" : node.asText();
        if (!text.startsWith("0x") || text.length() < 3) {
            throw new IllegalArgumentException("not a hex quantity: " + text);
        }
        return new BigInteger(text.substring(2), 16);
    }
}
