package io.chainwatch.ingestor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Streams blocks {@code from..to} in order while keeping up to {@code window} fetches in flight, so publishing one
 * block overlaps with fetching the next ones (no stall at batch boundaries). Not thread-safe: one consumer.
 */
final class OrderedFetcher implements AutoCloseable {

    private final BlockSource source;
    private final ExecutorService pool;
    private final int window;
    private final boolean backfill;
    private final long to;
    private final Deque<CompletableFuture<FetchedBlock>> inFlight = new ArrayDeque<>();
    private long nextToSubmit;

    OrderedFetcher(BlockSource source, ExecutorService pool, int window, long from, long to, boolean backfill) {
        this.source = source;
        this.pool = pool;
        this.window = window;
        this.backfill = backfill;
        this.to = to;
        this.nextToSubmit = from;
        refill();
    }

    boolean hasNext() {
        return !inFlight.isEmpty();
    }

    /** The next block in order, waiting for it; a failed fetch is rethrown as it was. */
    FetchedBlock next() {
        CompletableFuture<FetchedBlock> head = inFlight.removeFirst();
        refill();
        try {
            return head.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void refill() {
        while (inFlight.size() < window && nextToSubmit <= to) {
            long number = nextToSubmit++;
            inFlight.addLast(CompletableFuture.supplyAsync(() -> source.fetch(number, backfill), pool));
        }
    }

    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(false));
        inFlight.clear();
    }
}
