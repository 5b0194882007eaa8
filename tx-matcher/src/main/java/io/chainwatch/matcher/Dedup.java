package io.chainwatch.matcher;

import java.time.Duration;

import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the matcher remembers of each alert identity and progress step ({@link DedupEntry}), so that a replay announces
 * nothing twice: the dedup store, behind a {@link KeyFilter} of its keys because nearly every alert is new and a miss
 * is the dearest lookup RocksDB has, and purged of what is older than the TTL.
 * <p>
 * One per task and initialisation of it, made in the processor's init, when Kafka Streams has restored the store:
 * the filter is built from the store then, and again after each purge. Single-threaded.
 */
final class Dedup {

    private static final Logger LOG = LoggerFactory.getLogger(Dedup.class);

    private final FilteredStore<String> store;
    private final Duration ttl;

    /** The restored {@code store}, whose sent and orphaned entries are forgotten {@code ttl} after their last change. */
    Dedup(KeyValueStore<String, String> store, Duration ttl) {
        this.store = FilteredStore.restored(store, new KeyFilter(KeyFilter.PER_TASK_MIN_CAPACITY));
        this.ttl = ttl;
    }

    /** What is remembered of {@code key}, an alert identity; null if nothing. */
    DedupEntry get(String key) {
        return DedupEntry.decode(store.get(key));
    }

    /** Whether anything is remembered of {@code key}, a progress step (not decoded: nothing but presence matters). */
    boolean contains(String key) {
        return store.get(key) != null;
    }

    void remember(String key, DedupEntry entry) {
        store.put(key, entry.encode());
    }

    void forget(String key) {
        store.delete(key);
    }

    /**
     * Forgets the announced and orphaned entries older than the TTL at {@code now}; held ones stay until their block
     * is decided. Returns how many were forgotten.
     */
    int purge(long now) {
        long cutoff = now - ttl.toMillis();
        int purged = store.removeIf(value -> {
            DedupEntry entry = DedupEntry.decode(value);
            return entry.state() != DedupEntry.State.PENDING && entry.atMillis() < cutoff;
        });
        if (purged > 0) {
            LOG.debug("Purged {} dedup entries older than {}", purged, ttl);
        }
        return purged;
    }
}
