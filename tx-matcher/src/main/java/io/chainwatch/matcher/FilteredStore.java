package io.chainwatch.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A string-keyed state store behind the {@link KeyFilter} of its keys, which keeps the filter's rules itself instead
 * of leaving them to every class that writes the store: a key enters the filter before it enters the store
 * ({@link #put}), and the filter is built from the store when the store is what Kafka Streams restored
 * ({@link #restored}) and again after a purge ({@link #removeIf}). So a lookup it answers "not there" without the
 * store ({@link #get}) is never one of the store's keys. Three stores use it: the global subscription store and each
 * task's dedup and recent-counterparty stores.
 * <p>
 * Deletes go straight to the store: a Bloom filter cannot forget, and a deleted key only costs a store lookup until
 * the next rebuild. One writer: the view that {@linkplain #restored built} the filter. Readers on other threads (the
 * stream threads reading the global subscription store) get a {@linkplain #sharing read-only view} of the same
 * filter.
 */
final class FilteredStore<V> {

    private final KeyValueStore<String, V> store;
    private final KeyFilter keys;
    private final boolean writer;

    private FilteredStore(KeyValueStore<String, V> store, KeyFilter keys, boolean writer) {
        this.store = store;
        this.keys = keys;
        this.writer = writer;
    }

    /**
     * The writer's view of {@code store} behind {@code keys}, which are built from the store's keys now. Made once
     * Kafka Streams has restored the store (from its changelog or a local checkpoint, which bypasses the processors):
     * in the init of the processor that writes it.
     */
    static <V> FilteredStore<V> restored(KeyValueStore<String, V> store, KeyFilter keys) {
        FilteredStore<V> filtered = new FilteredStore<>(store, keys, true);
        keys.rebuild(filtered::forEachKey);
        return filtered;
    }

    /**
     * A reader's view of {@code store} behind {@code keys}, which the store's writer keeps (for the global
     * subscription store, its updater on the global thread). It refuses writes.
     */
    static <V> FilteredStore<V> sharing(KeyValueStore<String, V> store, KeyFilter keys) {
        return new FilteredStore<>(store, keys, false);
    }

    /** The value of {@code key}, read from the store only if the filter cannot rule the key out. */
    V get(String key) {
        return keys.mightContain(key) ? store.get(key) : null;
    }

    /** {@link #get(String)} of the key {@code prefix + value}, built only if the filter cannot rule it out. */
    V get(String prefix, String value) {
        return keys.mightContain(prefix, value) ? store.get(prefix + value) : null;
    }

    /** {@link KeyFilter#mightContainEach}: which of many keys, given by their hashes, the store might hold. */
    void mightContainEach(long[] hashes, int count, boolean[] answers) {
        keys.mightContainEach(hashes, count, answers);
    }

    /** Puts {@code key} in the filter, then in the store. */
    void put(String key, V value) {
        checkWriter();
        keys.add(key);
        store.put(key, value);
    }

    void delete(String key) {
        checkWriter();
        store.delete(key);
    }

    /**
     * Deletes every entry whose value {@code expired} selects, and if there was one, rebuilds the filter from the keys
     * left, so that those deleted stop costing lookups; the scan that finds them counts the keys, so the rebuild takes
     * one more pass, not two. Returns how many were deleted.
     */
    int removeIf(Predicate<? super V> expired) {
        checkWriter();
        List<String> gone = new ArrayList<>();
        long total = 0;
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, V> entry = all.next();
                total++;
                if (expired.test(entry.value)) {
                    gone.add(entry.key);
                }
            }
        }
        gone.forEach(store::delete);
        if (!gone.isEmpty()) {
            keys.rebuild(total - gone.size(), this::forEachKey);
        }
        return gone.size();
    }

    private void forEachKey(Consumer<String> action) {
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                action.accept(all.peekNextKey());
                all.next();
            }
        }
    }

    private void checkWriter() {
        if (!writer) {
            throw new UnsupportedOperationException("a reader's view of " + store.name() + " cannot write it");
        }
    }
}
