package io.chainwatch.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.WatchTarget;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;

/**
 * Which addresses the pipeline itself watches for the demo chat: it reads {@code chainwatch.subscriptions} (what the
 * matcher reads) rather than trusting the bot's answer, so the page offers test transactions only once a watch has
 * reached Kafka. Runs one consumer thread (no group, all partitions from the beginning); {@link #addresses()} is
 * thread-safe.
 */
final class LiveWatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveWatches.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final long chatId;
    private final Map<String, String> addressesByKey = new ConcurrentHashMap<>();
    private final Thread thread;

    private LiveWatches(KafkaConsumer<String, byte[]> consumer, long chatId) {
        this.consumer = consumer;
        this.chatId = chatId;
        this.thread = Thread.ofPlatform().daemon().name("demo-live-watches").unstarted(this::run);
    }

    static LiveWatches start(KafkaSettings kafka, long chatId) {
        Map<String, Object> props = kafka.common("chainwatch-demo-watches");
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        String topic = Topics.SUBSCRIPTIONS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p
                .partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        LiveWatches watches = new LiveWatches(consumer, chatId);
        watches.thread.start();
        return watches;
    }

    /** The watched addresses of the demo chat, as the pipeline has them (lower case, sorted). */
    Set<String> addresses() {
        return new TreeSet<>(addressesByKey.values());
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record.key(), record.value() == null
                            ? null
                            : Topics.SUBSCRIPTIONS.deserializeValue(record.value()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("The demo stopped following chainwatch.subscriptions: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(String key, Watchers watchers) {
        boolean ours = watchers != null && watchers.getTarget() == WatchTarget.ADDRESS && watchers.getWatchers()
                .stream().map(Watcher::getChatId).anyMatch(id -> id == chatId);
        if (ours) {
            addressesByKey.put(key, watchers.getValue());
        } else {
            addressesByKey.remove(key);
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5000);
    }
}
