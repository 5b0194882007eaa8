package io.chainwatch.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.chainwatch.bench.services.Subscriptions.Watch;

/**
 * Which address is watched by which chat, on which chain: watch {@code i} (0 ≤ i &lt; count) is address
 * {@link #address(long)} of {@code i}, on chain {@code i mod chains}, by chat {@code firstChat + (i / chains) mod
 * chats}, so that each chain's addresses spread over every chat. Pure: the load draws its recipients from here and
 * the subscriptions are written from here.
 */
public record WatchedAddresses(List<String> chains, int count, int chats, long firstChat) {

    /** Recipients nobody watches are drawn from this many addresses, so the nodes' state stays bounded. */
    public static final int UNWATCHED_POOL = 10_000;

    /** The address of watch {@code i}; also the unwatched pool's, at indices from {@link #unwatchedBase()}. */
    public static String address(long i) {
        return String.format("0x%040x", 0x5000_0000_0000L + i);
    }

    long unwatchedBase() {
        return count + 1_000_000L;
    }

    /** Every watch, as the bot's outbox would publish them. */
    public List<Watch> all() {
        List<Watch> watches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            watches.add(new Watch(chainOf(i), address(i), chatOf(i), i + 1));
        }
        return watches;
    }

    String chainOf(long i) {
        return chains.get((int) (i % chains.size()));
    }

    long chatOf(long i) {
        return firstChat + (i / chains.size()) % chats;
    }

    /**
     * A random watch of {@code chain}; with {@code hotChats} &gt; 0 only of the first {@code hotChats} chats (a burst
     * hitting a few busy chats, where digests take over).
     */
    public Watch pick(String chain, RandomGenerator random, int hotChats) {
        int c = chains.indexOf(chain);
        long perChain = count / chains.size();
        long i;
        if (hotChats > 0) {
            long rounds = Math.max(1, perChain / chats);
            long j = random.nextLong(Math.min(hotChats, chats)) + chats * random.nextLong(rounds);
            i = j * chains.size() + c;
        } else {
            i = random.nextLong(perChain) * chains.size() + c;
        }
        return new Watch(chain, address(i), chatOf(i), i + 1);
    }

    /** A recipient nobody watches. */
    public String unwatched(RandomGenerator random) {
        return address(unwatchedBase() + random.nextInt(UNWATCHED_POOL));
    }
}
