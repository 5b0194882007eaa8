package io.chainwatch.bot.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.schema.Topics;
import io.chainwatch.schema.WatchTarget;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;

/**
 * Publishes the outbox: for each changed subscription key, the key's CURRENT full watcher list (or a tombstone when
 * nobody watches it any more) goes to {@code chainwatch.subscriptions}, and only then are the rows marked published -
 * all inside one database transaction. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and each key is guarded by
 * a transaction-scoped advisory lock, so several relays never publish one key's states out of order. Delivery is
 * at least once; because each record is the whole state, a repeat converges. One thread; {@link #wakeUp()} and
 * {@link #close()} are thread-safe.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Published rows are kept this long for forensics, then deleted. */
    static final Duration RETENTION = Duration.ofDays(7);

    private final Database database;
    private final Producer<String, Watchers> producer;
    private final int batchSize;
    private final Duration pollInterval;
    private final Clock clock;
    private final Object signal = new Object();
    private final AtomicLong published = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile boolean running;
    private boolean wokenUp;
    private Thread thread;
    private Instant lastCleanup = Instant.EPOCH;

    public OutboxRelay(Database database, Producer<String, Watchers> producer, int batchSize, Duration pollInterval,
            Clock clock) {
        this.database = database;
        this.producer = producer;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.lastSuccess = clock.instant();
    }

    public synchronized void start() {
        database.gate().onOpen(this::wakeUp);
        running = true;
        thread = Thread.ofPlatform().name("chainwatch-bot-outbox").daemon().start(this::run);
    }

    /** Tells the relay that rows were written, so it publishes without waiting for the next poll. */
    public void wakeUp() {
        synchronized (signal) {
            wokenUp = true;
            signal.notifyAll();
        }
    }

    /** Publishes one batch; returns the number of outbox rows it marked published. */
    int publishOnce() {
        return database.jdbi().inTransaction(h -> {
            List<Long> ids = new ArrayList<>();
            TreeSet<String> keys = new TreeSet<>(); // sorted: advisory locks always taken in one order
            h.createQuery("""
                    SELECT id, sub_key
                    FROM outbox
                    WHERE published_at IS NULL
                    ORDER BY id
                    LIMIT :n
                    FOR UPDATE SKIP LOCKED""").bind("n", batchSize).map((rs, ctx) -> {
                ids.add(rs.getLong(1));
                keys.add(rs.getString(2));
                return null;
            }).list();
            if (ids.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (String key : keys) {
                h.createQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").bind("key", key).mapTo(
                        String.class).one();
                sends.add(producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), key, state(h, key))));
            }
            producer.flush();
            awaitAll(sends);
            h.createUpdate("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)").bindArray("ids", Long.class,
                    ids).execute();
            published.addAndGet(ids.size());
            return ids.size();
        });
    }

    /** The key's current watcher list, or null (a tombstone) when nobody watches it. */
    static Watchers state(Handle h, String key) {
        WatchKey watchKey = WatchKey.parse(key).orElse(null);
        if (watchKey == null) {
            LOG.warn("Outbox holds a malformed subscription key '{}'; publishing a tombstone", key);
            return null;
        }
        if (watchKey.target() == WatchTarget.TX) {
            // the bot follows tracked transactions itself (io.chainwatch.bot.track); the matcher forgets older ones
            return null;
        }
        List<Watcher> watchers = h.createQuery("""
                SELECT w.id, w.chat_id, w.chain, w.target_type, w.value, w.label,
                    w.confirmations, w.filters::text AS filters, c.native_transfers, c.tokens,
                    c.nfts, c.approvals, c.incoming, c.outgoing, c.hide_spam, c.quiet_hours, s.min_native_wei, s.min_usd
                FROM watches w
                JOIN chats c ON c.id = w.chat_id
                LEFT JOIN chat_settings s ON s.chat_id = w.chat_id AND s.chain = w.chain
                WHERE w.chain = :chain AND w.target_type = :target AND w.value = :value
                    AND c.active
                ORDER BY w.chat_id""").bind("chain", watchKey.chain()).bind("target", watchKey.target().name())
                .bind("value", watchKey.value()).map(OutboxRelay::watcher).list();
        return watchers.isEmpty()
                ? null
                : new Watchers(watchKey.chain(), watchKey.target(), watchKey.value(),
                        watchers);
    }

    /** A watcher whose filters are its chat's settings: the chat's preferences and the chain's minimum (coin or $). */
    private static Watcher watcher(ResultSet rs, StatementContext ctx) throws SQLException {
        Watch watch = WatchStore.watch(rs, ctx);
        BigDecimal minimum = rs.getBigDecimal("min_native_wei");
        BigDecimal usd = rs.getBigDecimal("min_usd");
        return new Watcher(watch.chatId(), watch.id(), watch.label(), watch.confirmations(), WatchStore.preferences(rs,
                ctx).filters(minimum == null ? null : minimum.toBigIntegerExact(), usd));
    }

    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing subscriptions", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new OutboxPublishException(e.getCause() == null ? e : e.getCause());
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            if (!database.gate().isOpen()) {
                idle(MAX_BACKOFF); // the gate logged the outage and wakes the relay when a probe reaches Postgres
                continue;
            }
            try {
                int n = publishOnce();
                lastSuccess = clock.instant();
                backoff = Duration.ofMillis(200);
                cleanUpNowAndThen();
                if (n == 0) {
                    idle(pollInterval);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!database.gate().isOpen()) {
                    continue; // an outage: said once by the gate, not once per retry here
                }
                LOG.warn("Outbox relay cannot publish ({}), retrying in {} ms: {}", BotErrors.classify(e), backoff
                        .toMillis(), BotErrors.describe(e));
                idle(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void cleanUpNowAndThen() {
        Instant now = clock.instant();
        if (Duration.between(lastCleanup, now).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        lastCleanup = now;
        int deleted = database.jdbi().withHandle(h -> h.createUpdate("""
                DELETE FROM outbox
                WHERE published_at < now() - make_interval(secs => :secs)""")
                .bind("secs", (double) RETENTION.toSeconds()).execute());
        if (deleted > 0) {
            LOG.info("Deleted {} published outbox rows older than {}", deleted, RETENTION);
        }
    }

    private void idle(Duration duration) {
        synchronized (signal) {
            if (!wokenUp && running) {
                try {
                    signal.wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wokenUp = false;
        }
    }

    public long publishedCount() {
        return published.get();
    }

    /** When the relay last finished a pass without error. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        wakeUp();
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kafka did not acknowledge a subscription record; the batch is rolled back and retried. */
    static final class OutboxPublishException extends RuntimeException {
        OutboxPublishException(Throwable cause) {
            super("cannot publish to " + Topics.SUBSCRIPTIONS.name() + ": " + cause.getMessage(), cause);
        }
    }
}
