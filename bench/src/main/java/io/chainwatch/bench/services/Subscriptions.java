package io.chainwatch.bench.services;

import java.util.List;
import java.util.Locale;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.WatchTarget;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;

/** Writes watches to {@code chainwatch.subscriptions} as the bot's outbox would publish them: one watcher per key. */
public final class Subscriptions {

    /** One chat watching one address on one chain. */
    public record Watch(String chain, String address, long chatId, long watchId) {
    }

    private Subscriptions() {
    }

    /** Publishes {@code watches}, batched, once the topic's partitions have leaders. */
    public static void publish(KafkaSettings settings, String clientId, Iterable<Watch> watches)
            throws InterruptedException {
        var props = settings.producer(clientId);
        props.put("linger.ms", 20);
        props.put("batch.size", 512 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            // right after creation the partitions may have no leader yet
            while (producer.partitionsFor(Topics.SUBSCRIPTIONS.name()).stream().anyMatch(p -> p.leader() == null || p
                    .leader().isEmpty())) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            for (Watch w : watches) {
                String address = w.address().toLowerCase(Locale.ROOT);
                Watchers watchers = Watchers.newBuilder().setChain(w.chain()).setTarget(WatchTarget.ADDRESS).setValue(
                        address).setWatchers(
                                List.of(Watcher.newBuilder().setChatId(w.chatId()).setWatchId(w
                                        .watchId()).build()))
                        .build();
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), Topics.addressKey(w.chain(),
                        address), Topics.SUBSCRIPTIONS.serializeValue(watchers)));
            }
        }
    }
}
