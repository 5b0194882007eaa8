package io.chainwatch.ingestor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;

/**
 * Streams blocks {@code from..to} in order while keeping up to {@code window} fetches in flight, so publishing one
 * block overlaps with fetching the next ones (no stall at batch boundaries). How many run at once is bounded by the
 * executor's threads; {@code window} bounds how many fetched blocks wait in memory. Not thread-safe: one consumer.
 */
final class OrderedFetcher implements AutoCloseable {

    private final LongFunction<FetchedBlock> fetch;
    private final Executor pool;
    private final int window;
    private final Deque<CompletableFuture<FetchedBlock>> inFlight = new ArrayDeque<>();
    private long to;
    private long nextToSubmit;

    OrderedFetcher(LongFunction<FetchedBlock> fetch, Executor pool, int window, long from, long to) {
        this.fetch = fetch;
        this.pool = pool;
        this.window = window;
        this.to = to;
        this.nextToSubmit = from;
        refill();
    }

    /** Fetches in flight or waiting for each thread's worth of work: twice the parallelism keeps every thread busy. */
    static int windowFor(int parallelism) {
        return parallelism * 2;
    }

    boolean hasNext() {
        return !inFlight.isEmpty();
    }

    /** The last block this fetcher will hand out. */
    long to() {
        return to;
    }

    /** Continues up to {@code newTo} as well (a head that moved on); a lower value changes nothing. */
    void extendTo(long newTo) {
        to = Math.max(to, newTo);
        refill();
    }

    /** The next block in order, waiting for it; a failed fetch is rethrown as it was. */
    FetchedBlock next() throws InterruptedException {
        CompletableFuture<FetchedBlock> head = inFlight.removeFirst();
        refill();
        try {
            return head.get(); // interruptible, unlike join(): a closing follower must not hang here
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void refill() {
        while (inFlight.size() < window && nextToSubmit <= to) {
            long number = nextToSubmit++;
            inFlight.addLast(CompletableFuture.supplyAsync(() -> fetch.apply(number), pool));
        }
    }

    /** Drops what was fetched ahead; fetches not yet started never run. */
    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(false));
        inFlight.clear();
    }
}
