package io.chainwatch.ingestor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chainwatch.schema.BlockRef;
import io.chainwatch.schema.IngestCursor;

/**
 * The most recent canonical blocks the ingestor published, oldest first, at most {@code capacity} of them. Immutable:
 * every change returns a new window, so a Kafka transaction that aborts simply keeps the old one.
 */
record CanonicalWindow(int capacity, List<BlockRef> blocks) {

    CanonicalWindow {
        blocks = List.copyOf(blocks);
    }

    static CanonicalWindow empty(int capacity) {
        return new CanonicalWindow(capacity, List.of());
    }

    static CanonicalWindow fromCursor(IngestCursor cursor, int capacity) {
        List<BlockRef> refs = new ArrayList<>(cursor.getRecent());
        if (refs.isEmpty() || refs.get(refs.size() - 1).getNumber() != cursor.getNumber()) {
            refs.add(new BlockRef(cursor.getNumber(), cursor.getHash()));
        }
        return new CanonicalWindow(capacity, refs.subList(Math.max(0, refs.size() - capacity), refs.size()));
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    Optional<BlockRef> head() {
        return blocks.isEmpty() ? Optional.empty() : Optional.of(blocks.get(blocks.size() - 1));
    }

    /** Whether a block with this parent extends the head (always true on an empty window). */
    boolean extendedBy(long number, String parentHash) {
        return head().map(h -> h.getNumber() == number - 1 && h.getHash().equals(parentHash)).orElse(true);
    }

    CanonicalWindow push(long number, String hash) {
        List<BlockRef> next = new ArrayList<>(blocks);
        next.add(new BlockRef(number, hash));
        if (next.size() > capacity) {
            next.remove(0);
        }
        return new CanonicalWindow(capacity, next);
    }

    /** The window with every block above {@code number} removed. */
    CanonicalWindow truncateAbove(long number) {
        return new CanonicalWindow(capacity, blocks.stream().filter(b -> b.getNumber() <= number).toList());
    }

    /** Newest first: the order in which orphaned blocks are reverted. */
    List<BlockRef> newestFirst() {
        return blocks.reversed();
    }

    IngestCursor toCursor(String chain) {
        BlockRef head = head().orElseThrow();
        return IngestCursor.newBuilder().setChain(chain).setNumber(head.getNumber()).setHash(head.getHash()).setRecent(
                blocks).build();
    }
}
