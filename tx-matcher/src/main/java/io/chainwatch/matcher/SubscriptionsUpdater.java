package io.chainwatch.matcher;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.schema.Watchers;

/**
 * Keeps the global subscription store equal to the compacted topic — the latest watcher list per key, nothing for a
 * tombstone or an empty list — and the {@link KeyFilter} a superset of the store's keys: a key goes into the
 * filter before it goes into the store, and initialisation (after Kafka Streams has restored the store) adds every
 * key already there.
 */
final class SubscriptionsUpdater implements Processor<String, Watchers, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsUpdater.class);

    private final KeyFilter filter;
    private KeyValueStore<String, Watchers> store;

    SubscriptionsUpdater(KeyFilter filter) {
        this.filter = filter;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(MatcherTopology.SUBSCRIPTIONS_STORE);
        long started = System.nanoTime();
        filter.rebuildFrom(store);
        LOG.info("Subscription filter built from the store in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void process(Record<String, Watchers> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null || record.value().getWatchers().isEmpty()) {
            store.delete(record.key());
        } else {
            filter.add(record.key());
            store.put(record.key(), record.value());
        }
    }

}
