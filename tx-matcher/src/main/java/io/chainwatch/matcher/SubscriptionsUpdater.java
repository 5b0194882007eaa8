package io.chainwatch.matcher;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.schema.Watchers;

/**
 * Keeps the global subscription store equal to the compacted topic — the latest watcher list per key, nothing for a
 * tombstone or an empty list — behind the {@link KeyFilter} that the matching stages read it through: the store's
 * writer, so its {@link FilteredStore} builds the filter at initialisation (after Kafka Streams has restored the
 * store) and puts every key in the filter before the store.
 */
final class SubscriptionsUpdater implements Processor<String, Watchers, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsUpdater.class);

    private final KeyFilter filter;
    private final Runnable applied;
    private FilteredStore<Watchers> store;

    /** @param applied told after each change is in the store: a metric, which operators and tests read */
    SubscriptionsUpdater(KeyFilter filter, Runnable applied) {
        this.filter = filter;
        this.applied = applied;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        long started = System.nanoTime();
        store = FilteredStore.restored(context.getStateStore(MatcherTopology.SUBSCRIPTIONS_STORE), filter);
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
            store.put(record.key(), record.value());
        }
        applied.run();
    }

}
