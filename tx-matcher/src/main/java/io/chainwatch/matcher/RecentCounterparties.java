package io.chainwatch.matcher;

import java.util.List;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The recent clean counterparties of each watched address, for lookalike detection ({@link SpamSignals}): the
 * recent-counterparty store, behind a {@link KeyFilter} of its keys because nearly every watched address is new to it
 * and a miss is the dearest lookup RocksDB has.
 * <p>
 * One per task and initialisation of it, made in the processor's init, when Kafka Streams has restored the store: the
 * filter is built from the store then. Single-threaded.
 */
final class RecentCounterparties {

    private final FilteredStore<String> store;
    private final int limit;

    /** The restored {@code store}, remembering up to {@code limit} counterparties per watched address. */
    RecentCounterparties(KeyValueStore<String, String> store, int limit) {
        this.store = FilteredStore.restored(store, new KeyFilter(KeyFilter.PER_TASK_MIN_CAPACITY));
        this.limit = limit;
    }

    /**
     * Whether {@code counterparty} imitates a recent counterparty of {@code watched} on {@code chain}. If it does not,
     * and the transfer is {@code clean}, it becomes the most recent one: only clean transfers teach, or a poisoner
     * would teach its address. The store is written only when the list changes.
     */
    boolean observe(String chain, String watched, String counterparty, boolean clean) {
        String key = StoreKeys.counterparties(chain, watched);
        List<String> recent = SpamSignals.decode(store.get(key));
        if (SpamSignals.isLookalike(counterparty, recent)) {
            return true;
        }
        if (clean) {
            List<String> updated = SpamSignals.remember(recent, counterparty, limit);
            if (!updated.equals(recent)) {
                store.put(key, SpamSignals.encode(updated));
            }
        }
        return false;
    }
}
