package io.chainwatch.bot.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.ChatEvent;
import io.chainwatch.schema.Topics;

/**
 * Applies {@code chainwatch.chat-events} from the notifier: a chat that blocked the bot or was deleted loses its
 * watches, a group migrated to a supergroup takes them along. A record is committed only after its change is in
 * Postgres (with its outbox rows); while Postgres is down the same record is retried. Undecodable records are logged
 * and skipped. One thread; {@link #close()} is thread-safe.
 */
public final class ChatEventsConsumer implements AutoCloseable {

    static final String GROUP_ID = "chainwatch-bot-chat-events";
    private static final Logger LOG = LoggerFactory.getLogger(ChatEventsConsumer.class);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final KafkaSettings kafka;
    private final WatchStore store;
    private final Database database;
    private final java.util.concurrent.atomic.AtomicLong handled = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    public ChatEventsConsumer(KafkaSettings kafka, Database database, WatchStore store) {
        this.kafka = kafka;
        this.database = database;
        this.store = store;
    }

    public synchronized void start() {
        running = true;
        consumer = new KafkaConsumer<>(kafka.consumer("chainwatch-bot-chat-events", GROUP_ID),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.CHAT_EVENTS.name()));
        thread = Thread.ofPlatform().name("chainwatch-bot-chat-events").daemon().start(this::run);
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!applyWithRetry(record)) {
                        return;
                    }
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                    handled.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Chat events consumer stopped: {}", BotErrors.describe(e));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Returns false when closing interrupted the retries. */
    private boolean applyWithRetry(ConsumerRecord<String, byte[]> record) {
        while (running) {
            try {
                apply(record);
                return true;
            } catch (RuntimeException e) {
                if (BotErrors.classify(e) != BotErrors.Kind.RETRIABLE) {
                    LOG.error("Skipping chat event at {}-{}@{} (key {}): {}", record.topic(), record.partition(), record
                            .offset(), record.key(), BotErrors.describe(e));
                    return true;
                }
                if (database.gate().isOpen()) {
                    LOG.warn("Cannot apply chat event for chat {} yet, retrying: {}", record.key(), BotErrors
                            .describe(e));
                } // else the gate said once that Postgres is down, and each retry is refused at once
                sleep(RETRY_BACKOFF);
            }
        }
        return false;
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        ChatEvent event = Topics.CHAT_EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (event == null) {
            return;
        }
        apply(event);
    }

    /** Applies one event; retriable errors propagate. */
    void apply(ChatEvent event) {
        switch (event.getType()) {
            case BLOCKED, DELETED -> {
                int removed = store.deactivateChat(event.getChatId(), event.getAtMillis(), event.getType().name());
                LOG.info("Chat {} {}: {} watches removed", event.getChatId(), event.getType(), removed);
            }
            case MIGRATED -> {
                if (event.getNewChatId() == null) {
                    throw new IllegalArgumentException("MIGRATED event of chat " + event.getChatId()
                            + " has no newChatId");
                }
                int moved = store.migrateChat(event.getChatId(), event.getNewChatId());
                LOG.info("Chat {} migrated to {}: {} watches moved", event.getChatId(), event.getNewChatId(), moved);
            }
        }
    }

    /** Records applied (or skipped as poison) and committed since start. */
    public long handledCount() {
        return handled.get();
    }

    boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
