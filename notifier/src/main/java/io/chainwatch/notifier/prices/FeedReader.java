package io.chainwatch.notifier.prices;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import io.chainwatch.notifier.lookup.NodeCalls;
import io.chainwatch.notifier.lookup.NodeCalls.Refused;
import io.chainwatch.notifier.lookup.NodeCalls.Returned;
import io.chainwatch.notifier.lookup.NodeCalls.Unreachable;

/**
 * Reads a feed's answer at a block with {@code eth_call}: {@code decimals()} once per feed (it never changes), then
 * {@code latestRoundData()} at the block, so the dollar value is the one the chain held when the transfer happened.
 * Never throws. Thread-safe.
 */
public final class FeedReader implements PriceBook.Reader {

    private final NodeCalls calls;
    private final Map<String, Integer> decimals = new ConcurrentHashMap<>();

    public FeedReader(NodeCalls calls) {
        this.calls = calls;
    }

    @Override
    public PriceBook.Reading read(String chain, String feed, long block) {
        long deadline = System.nanoTime() + calls.timeout().toNanos();
        Integer scale = decimals.get(chain + ":" + feed);
        if (scale == null) {
            NodeCalls.Answer answer = calls.call(chain, feed, FeedAbi.DECIMALS, "latest", deadline);
            if (!(answer instanceof Returned(String hex))) {
                return failed("decimals()", answer);
            }
            OptionalInt read = FeedAbi.decimals(hex);
            if (read.isEmpty()) {
                return new PriceBook.Failed("decimals() is not a feed's answer");
            }
            scale = read.getAsInt();
            decimals.put(chain + ":" + feed, scale);
        }
        NodeCalls.Answer answer = calls.call(chain, feed, FeedAbi.LATEST_ROUND_DATA, "0x" + Long.toHexString(block),
                deadline);
        if (!(answer instanceof Returned(String hex))) {
            return failed("latestRoundData()", answer);
        }
        int feedDecimals = scale;
        return FeedAbi.round(hex).<PriceBook.Reading>map(round -> round.answer().signum() <= 0
                ? new PriceBook.Failed("latestRoundData() answered " + round.answer())
                : new PriceBook.Price(new BigDecimal(round.answer(), feedDecimals), round.updatedAtSeconds()))
                .orElseGet(() -> new PriceBook.Failed("latestRoundData() is not a feed's answer"));
    }

    private static PriceBook.Failed failed(String call, NodeCalls.Answer answer) {
        return new PriceBook.Failed(switch (answer) {
            case Refused(String message) -> call + " failed: " + message;
            case Unreachable(String reason) -> "no node answered " + call + " (" + reason + ")";
            case Returned r -> call + " answered";
        });
    }
}
