package io.chainwatch.notifier.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.ChatEvent;
import io.chainwatch.schema.DeadLetter;
import io.chainwatch.schema.Topic;
import io.chainwatch.schema.Topics;

/**
 * Writes dead letters to {@code chainwatch.alerts.dlq} and chat events to {@code chainwatch.chat-events}, keyed by
 * chat id, and waits for the broker's acknowledgement: an alert only counts as done once its dead letter is durable.
 * Thread-safe (the Kafka producer is).
 */
public final class KafkaSink implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;

    public KafkaSink(KafkaSettings kafka, String clientId) {
        this.producer = new KafkaProducer<>(Map.copyOf(kafka.producer(clientId)), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Writes one dead letter per alert. */
    void deadLetters(List<Alert> alerts, String reason, long atMillis) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Alert alert : alerts) {
            acks.add(send(Topics.ALERTS_DLQ, Long.toString(alert.getChatId()), new DeadLetter(alert, reason,
                    atMillis)));
        }
        await(acks);
    }

    void chatEvent(ChatEvent event) {
        await(List.of(send(Topics.CHAT_EVENTS, Long.toString(event.getChatId()), event)));
    }

    private <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), key, bytes));
    }

    private static void await(List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSinkException("interrupted while writing to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaSinkException("Kafka did not acknowledge: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Writing to Kafka failed; retriable: the alerts stay queued. */
    static final class KafkaSinkException extends RuntimeException {
        KafkaSinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
