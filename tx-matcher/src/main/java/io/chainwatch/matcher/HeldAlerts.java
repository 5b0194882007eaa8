package io.chainwatch.matcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.chainwatch.schema.Alert;

/**
 * The alerts held until their block is deep enough: the pending store, keyed by chain and release height
 * ({@link StoreKeys#pending}) so that the alerts due are one range scan from the chain's first key, and per chain a
 * height below which nothing is due, so that most blocks need no scan at all.
 * <p>
 * One per task and initialisation of it (made in the processor's init), single-threaded: the height is derived from
 * the store and starts unknown, so nothing derived outlives a restore.
 */
final class HeldAlerts {

    private final KeyValueStore<String, Alert> store;
    /**
     * Per chain, a height no held alert is released below: the release scan is skipped while the head is lower.
     * Derived from the store, never the other way round: absent means unknown (scan), and a value too low only costs
     * a scan.
     */
    private final Map<String, Long> nextRelease = new HashMap<>();

    HeldAlerts(KeyValueStore<String, Alert> store) {
        this.store = store;
    }

    /** Holds {@code alert}, of identity {@code identity}, until the head of its chain reaches {@code releaseAt}. */
    void hold(String identity, Alert alert, long releaseAt) {
        String chain = alert.getChain();
        store.put(StoreKeys.pending(chain, releaseAt, alert.getBlockNumber(), alert.getBlockHash(), identity), alert);
        nextRelease.computeIfPresent(chain, (c, next) -> Math.min(next, releaseAt));
    }

    /** Stops holding the alert of {@code identity} held with these arguments of {@link #hold}. */
    void drop(String chain, String identity, long releaseAt, long blockNumber, String blockHash) {
        store.delete(StoreKeys.pending(chain, releaseAt, blockNumber, blockHash, identity));
    }

    /**
     * Takes the alerts of {@code chain} due at {@code head} out of the store, in release order. None, without a scan,
     * while the head is below the earliest release height known.
     */
    List<Alert> takeDue(String chain, long head) {
        Long next = nextRelease.get(chain);
        if (next != null && next > head) {
            return List.of();
        }
        List<KeyValue<String, Alert>> due = new ArrayList<>();
        long earliestLeft = Long.MAX_VALUE;
        try (KeyValueIterator<String, Alert> held = store.range(StoreKeys.chainStart(chain), StoreKeys.chainEnd(
                chain))) {
            while (held.hasNext()) {
                KeyValue<String, Alert> entry = held.next();
                long releaseAt = StoreKeys.releaseAtOfPending(chain, entry.key);
                if (releaseAt > head) {
                    earliestLeft = releaseAt;
                    break;
                }
                due.add(entry);
            }
        }
        List<Alert> alerts = new ArrayList<>(due.size());
        for (KeyValue<String, Alert> entry : due) {
            store.delete(entry.key);
            alerts.add(entry.value);
        }
        nextRelease.put(chain, earliestLeft);
        return alerts;
    }

    /** Takes the alerts of {@code chain} held for the block {@code blockHash}, which left the chain, out of the store. */
    List<Alert> takeOfBlock(String chain, String blockHash) {
        nextRelease.remove(chain);
        List<KeyValue<String, Alert>> all = new ArrayList<>();
        try (KeyValueIterator<String, Alert> held = store.range(StoreKeys.chainStart(chain), StoreKeys.chainEnd(
                chain))) {
            held.forEachRemaining(all::add);
        }
        List<Alert> dropped = new ArrayList<>();
        for (KeyValue<String, Alert> entry : all) {
            if (entry.value.getBlockHash().equals(blockHash)) {
                store.delete(entry.key);
                dropped.add(entry.value);
            }
        }
        return dropped;
    }
}
