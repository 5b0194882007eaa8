package io.chainwatch.notifier.prices;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import io.chainwatch.notifier.rpc.EthCalls;
import io.chainwatch.notifier.rpc.EthCalls.Refused;
import io.chainwatch.notifier.rpc.EthCalls.Returned;
import io.chainwatch.notifier.rpc.EthCalls.Unreachable;

/**
 * Reads a feed's answer at a block with {@code eth_call}: {@code decimals()} once per feed (it never changes), then
 * {@code latestRoundData()} at the block, so the dollar value is the one the chain held when the transfer happened.
 * Never throws. Thread-safe.
 */
public final class FeedReader implements PriceBook.Reader {

    private final EthCalls calls;
    private final Duration timeout;
    private final Map<String, Integer> decimals = new ConcurrentHashMap<>();

    public FeedReader(EthCalls calls, Duration timeout) {
        this.calls = calls;
        this.timeout = timeout;
    }

    @Override
    public PriceBook.Reading read(String chain, String feed, long block) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Integer scale = decimals.get(chain + ":" + feed);
        if (scale == null) {
            EthCalls.Answer answer = calls.call(chain, feed, FeedAbi.DECIMALS, "latest", deadline);
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
        EthCalls.Answer answer = calls.call(chain, feed, FeedAbi.LATEST_ROUND_DATA, "0x" + Long.toHexString(block),
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

    private static PriceBook.Failed failed(String call, EthCalls.Answer answer) {
        return new PriceBook.Failed(switch (answer) {
            case Refused(String message) -> call + " failed: " + message;
            case Unreachable(String reason) -> "no node answered " + call + " (" + reason + ")";
            case Returned r -> call + " answered";
        });
    }
}
