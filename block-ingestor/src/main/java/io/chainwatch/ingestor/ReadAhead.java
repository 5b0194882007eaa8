package io.chainwatch.ingestor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;

/**
 * The live follower's fetching: the blocks after the cursor are fetched ahead, up to the best head and across batch
 * boundaries, so the nodes keep serving while a batch is published and committed — a follower catching up after
 * downtime never idles at a batch boundary (issue #3, item 7). What was fetched ahead is used only while it continues
 * right after the cursor and stays at or below the head: after a reorg (the cursor moved back), a failed fetch or
 * publish, or a head that went backwards, it is discarded and fetching starts again from the cursor. So it can neither
 * skip nor repeat a block; each block's parent hash is still checked against the cursor when it is published. Not
 * thread-safe: the follower's thread only.
 */
final class ReadAhead {

    private final LongFunction<FetchedBlock> fetch;
    private final Executor pool;
    private final int window;
    /** Null while nothing is fetched ahead. */
    private OrderedFetcher fetcher;
    /** The block {@link #fetcher} hands out next. */
    private long nextNumber;

    /**
     * @param fetch reads one block
     * @param pool runs the fetches; its threads bound how many run at once
     * @param window how many blocks may be fetched ahead of the one being published
     */
    ReadAhead(LongFunction<FetchedBlock> fetch, Executor pool, int window) {
        this.fetch = fetch;
        this.pool = pool;
        this.window = window;
    }

    /**
     * Up to {@code max} blocks in order, from {@code from} (the block after the cursor) to at most {@code head}. A
     * fetch that fails after at least one block ends the batch there; with none, its error is thrown. Either way what
     * was fetched beyond it is discarded.
     */
    List<FetchedBlock> nextBatch(long from, long head, int max) throws InterruptedException {
        if (fetcher != null && (nextNumber != from || fetcher.to() > head)) {
            discard();
        }
        if (fetcher == null) {
            fetcher = new OrderedFetcher(fetch, pool, window, from, head);
            nextNumber = from;
        } else {
            fetcher.extendTo(head);
        }
        List<FetchedBlock> batch = new ArrayList<>();
        try {
            while (batch.size() < max && fetcher.hasNext()) {
                batch.add(fetcher.next());
                nextNumber++;
            }
        } catch (RuntimeException | InterruptedException e) {
            discard();
            if (batch.isEmpty() || e instanceof InterruptedException) {
                throw e;
            }
        }
        return batch;
    }

    /** Drops whatever was fetched ahead: the next batch starts at the cursor it is given. */
    void discard() {
        if (fetcher != null) {
            fetcher.close();
            fetcher = null;
        }
    }
}
