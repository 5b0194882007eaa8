package io.chainwatch.lookup;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Values looked up in the background and kept in memory: at most {@code capacity} keys (least recently used go
 * first). A value found is kept for {@code ttl}; one that counts as a failure ({@code failed}) for {@code retryAfter}
 * only; then the next {@link #prefetch} looks it up again. {@link #find} never waits: a lookup still running answers
 * {@code unknown}. {@link #prefetch} starts what is missing and waits at most {@code wait}; a lookup still running
 * then completes in the background for later callers. A reader that throws counts as {@code unknown}. Thread-safe.
 *
 * @param <K> the key (a value type)
 * @param <V> what is looked up
 */
public final class AsyncDirectory<K, V> {

    /** The settings of a directory. {@code ttl} {@code null}: a value found is kept as long as there is room. */
    public record Policy(int capacity, Duration maxWait, Duration ttl, Duration retryAfter) {
    }

    /** A lookup, running or done; {@code doneAtMillis} and {@code failed} are set before it completes. */
    private static final class Lookup<V> {
        private final CompletableFuture<V> result = new CompletableFuture<>();
        private volatile long doneAtMillis;
        private volatile boolean failed;
    }

    private final Function<K, V> reader;
    private final V unknown;
    private final Predicate<V> failed;
    private final Executor executor;
    private final Policy policy;
    private final LongSupplier millis;
    private final Map<K, Lookup<V>> entries;

    /**
     * @param reader looks one key up (on {@code executor})
     * @param unknown what {@link #find} answers for a key not looked up yet, and what a throwing reader yields
     * @param failed which values are failures, remembered only for {@link Policy#retryAfter()}
     */
    public AsyncDirectory(Function<K, V> reader, V unknown, Predicate<V> failed, Executor executor, Policy policy,
            LongSupplier millis) {
        this.reader = reader;
        this.unknown = unknown;
        this.failed = failed;
        this.executor = executor;
        this.policy = policy;
        this.millis = millis;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Lookup<V>> eldest) {
                return size() > policy.capacity();
            }
        };
    }

    /** The value known now for {@code key}, {@code unknown} while none is (never waits). */
    public synchronized V find(K key) {
        Lookup<V> entry = entries.get(key);
        return entry == null ? unknown : entry.result.getNow(unknown);
    }

    /** Looks up those of {@code keys} not known (or no longer fresh), waiting at most the policy's wait for them. */
    public void prefetch(Collection<K> keys) {
        try {
            begin(keys).get(policy.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // this message goes out without it; the lookup goes on for the next one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the lookups of those of {@code keys} not known (or no longer fresh); completes when all of them are in.
     * Lets a caller wait for several directories at once.
     */
    public CompletableFuture<Void> begin(Collection<K> keys) {
        List<CompletableFuture<V>> running = keys.stream().distinct().map(this::lookup).filter(f -> !f.isDone())
                .toList();
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }

    private synchronized CompletableFuture<V> lookup(K key) {
        Lookup<V> entry = entries.get(key);
        if (entry != null && fresh(entry)) {
            return entry.result;
        }
        Lookup<V> fresh = new Lookup<>();
        try {
            executor.execute(() -> {
                V value = read(key);
                fresh.failed = failed.test(value);
                fresh.doneAtMillis = millis.getAsLong();
                fresh.result.complete(value);
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(unknown); // shutting down
        }
        entries.put(key, fresh);
        return fresh.result;
    }

    private boolean fresh(Lookup<V> entry) {
        if (!entry.result.isDone()) {
            return true;
        }
        Duration keep = entry.failed ? policy.retryAfter() : policy.ttl();
        return keep == null || millis.getAsLong() < entry.doneAtMillis + keep.toMillis();
    }

    private V read(K key) {
        try {
            V value = reader.apply(key);
            return value == null ? unknown : value;
        } catch (RuntimeException e) {
            return unknown;
        }
    }
}
