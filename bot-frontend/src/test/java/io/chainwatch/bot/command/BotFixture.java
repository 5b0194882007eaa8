package io.chainwatch.bot.command;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.chainwatch.bot.TestChains;
import io.chainwatch.bot.store.ChatEventsConsumer;
import io.chainwatch.bot.store.Database;
import io.chainwatch.bot.store.DbSettings;
import io.chainwatch.bot.store.OutboxRelay;
import io.chainwatch.bot.store.Watch;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.bot.track.TrackedStore;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.Watchers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The bot's parts on a real Postgres database and a real Kafka broker, without Telegram. */
final class BotFixture implements AutoCloseable {

    static final int MAX_WATCHES = 5;

    final Database database;
    final Producer<String, Watchers> producer;
    final OutboxRelay relay;
    final WatchStore store;
    final CommandHandler handler;
    final ChatEventsConsumer chatEvents;
    final TrackedStore tracked;

    BotFixture(DbSettings db, KafkaSettings kafka) {
        database = new Database(db);
        database.migrate();
        producer = new KafkaProducer<>(kafka.producer("it-outbox"), new StringSerializer(), Topics.SUBSCRIPTIONS
                .valueSerde().serializer());
        relay = new OutboxRelay(database, producer, 50, Duration.ofMillis(100), Clock.systemUTC());
        store = new WatchStore(database.jdbi(), Clock.systemUTC(), relay::wakeUp);
        handler = new CommandHandler(TestChains.CHAINS, MAX_WATCHES, Set.of(42L), database, store,
                GroupAdmins.EVERYONE, new SimpleMeterRegistry());
        chatEvents = new ChatEventsConsumer(kafka, database, store);
        tracked = new TrackedStore(database.jdbi());
    }

    BotFixture start() {
        relay.start();
        chatEvents.start();
        return this;
    }

    /** What chat {@code chatId} is told after writing {@code text} in private. */
    String say(long chatId, String text) {
        Response response = handler.handle(new Incoming(chatId, "private", chatId, false, text),
                BotApiDouble.BOT_USERNAME);
        return switch (response) {
            case Response.Reply reply -> reply.html();
            case Response.Tracking tracking -> tracking.html();
            default -> null;
        };
    }

    Optional<Watch> watchOf(long chatId, String value) {
        return store.list(chatId, 0, 1000).stream().filter(w -> w.value().equals(value)).findFirst();
    }

    @Override
    public void close() {
        chatEvents.close();
        relay.close();
        producer.close(Duration.ofSeconds(2));
        database.close();
    }
}
