package io.chainwatch.matcher;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.chainwatch.schema.Watchers;

/**
 * Keeps the global subscription store equal to the compacted topic: the latest watcher list per key, nothing for a
 * tombstone or an empty list.
 */
final class SubscriptionsUpdater implements Processor<String, Watchers, Void, Void> {

    private KeyValueStore<String, Watchers> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(MatcherTopology.SUBSCRIPTIONS_STORE);
    }

    @Override
    public void process(Record<String, Watchers> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null || record.value().getWatchers().isEmpty()) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
