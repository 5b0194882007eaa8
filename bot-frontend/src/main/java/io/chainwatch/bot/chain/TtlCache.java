package io.chainwatch.bot.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Remembers one value per key for a few seconds, failures included, and loads each key once at a time: when a hundred
 * chats ask {@code /gas eth} together, the nodes are asked once. Thread-safe.
 */
final class TtlCache<V> {

    private record Entry<V>(V value, Instant until) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> loading = new ConcurrentHashMap<>();

    TtlCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    V get(String key, Supplier<V> load) {
        Entry<V> entry = fresh(key);
        if (entry != null) {
            return entry.value();
        }
        ReentrantLock lock = loading.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            entry = fresh(key); // someone else may have loaded it while this thread waited
            if (entry != null) {
                return entry.value();
            }
            V value = load.get();
            entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
            return value;
        } finally {
            lock.unlock();
        }
    }

    private Entry<V> fresh(String key) {
        Entry<V> entry = entries.get(key);
        return entry != null && entry.until().isAfter(clock.instant()) ? entry : null;
    }
}
