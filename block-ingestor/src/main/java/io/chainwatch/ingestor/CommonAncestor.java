package io.chainwatch.ingestor;

import java.util.function.LongPredicate;

/**
 * Finds the common ancestor of the published chain and the node's by binary search instead of a walk: a block hash
 * commits to its parent, so once the published block at a height is the node's canonical one, every block below it
 * is too — "agrees" is true up to the ancestor and false above it. A deep resync then costs about log2(depth) RPC
 * calls inside the open Kafka transaction, not one per block.
 */
final class CommonAncestor {

    private CommonAncestor() {
    }

    /** The highest height in {@code low..high} that agrees, or {@code low - 1} when none does. */
    static long highestAgreeing(long low, long high, LongPredicate agrees) {
        long lo = low - 1; // invariant: lo agrees (or is below the range), everything above hi disagrees
        long hi = high;
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (agrees.test(mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
