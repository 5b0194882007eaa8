package io.chainwatch.bot.store;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Postgres is reachable, so that during an outage a command is refused at once instead of waiting out
 * connection timeouts (issue #13). The first failure that means the database is down ({@link BotErrors.Outage#DOWN})
 * closes the gate; while it is closed {@link #check()} throws at once and a probe of its own, outside the pool, runs
 * every probe interval; the first probe that reaches the database opens the gate again. A failure that may only mean
 * a busy pool ({@link BotErrors.Outage#UNSURE}) asks for one probe at once, which closes the gate only if the database
 * cannot be reached either: an exhausted pool is not an outage. Thread-safe.
 */
public final class DatabaseGate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGate.class);
    /** While the database stays down, how often the log says so again. */
    static final Duration REMIND_EVERY = Duration.ofMinutes(1);

    /** Connects to the database once, outside the pool, or throws why it cannot. */
    @FunctionalInterface
    interface Probe {
        void reach() throws Exception;
    }

    private final Probe probe;
    private final Duration probeInterval;
    private final Clock clock;
    private final List<Runnable> openListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean probeAsked = new AtomicBoolean();
    private volatile Instant downSince; // null while open
    private Instant lastReminder = Instant.EPOCH;
    private ScheduledExecutorService prober;

    DatabaseGate(Probe probe, Duration probeInterval, Clock clock) {
        this.probe = probe;
        this.probeInterval = probeInterval;
        this.clock = clock;
    }

    /** Starts probing in the background: every probe interval while closed, and when a failure asks for it. */
    synchronized DatabaseGate start() {
        if (prober == null) {
            prober = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name(
                    "chainwatch-bot-db-probe").daemon().unstarted(r));
            prober.scheduleWithFixedDelay(this::tick, probeInterval.toMillis(), probeInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    public boolean isOpen() {
        return downSince == null;
    }

    /** How long the database has been down, or empty while it is up. */
    Optional<Duration> downtime() {
        Instant since = downSince;
        return since == null ? Optional.empty() : Optional.of(Duration.between(since, clock.instant()));
    }

    /** Runs {@code listener} each time the gate opens again (on the probe's thread; keep it short). */
    void onOpen(Runnable listener) {
        openListeners.add(listener);
    }

    /** Throws at once while the database is known to be down. */
    void check() throws ClosedException {
        Instant since = downSince;
        if (since != null) {
            throw new ClosedException(since);
        }
    }

    /** Tells the gate that talking to the database failed; it decides whether that means an outage. */
    void failed(Throwable error) {
        switch (BotErrors.outage(error)) {
            case DOWN -> markDown(error);
            case UNSURE -> askForProbe();
            case NO -> {
                // a statement failed, the database answered
            }
        }
    }

    /** One probe, if the gate is closed or a probe was asked for; the background thread calls it, tests too. */
    void probeIfDue() {
        boolean asked = probeAsked.getAndSet(false);
        if (isOpen() && !asked) {
            return;
        }
        try {
            probe.reach();
            markUp();
        } catch (Exception e) {
            if (isOpen()) {
                failed(e);
            } else {
                remind(e);
            }
        }
    }

    /** A scheduled task that throws is never run again, and the gate would then stay closed for good. */
    private void tick() {
        try {
            probeIfDue();
        } catch (RuntimeException e) {
            LOG.error("Database probe failed unexpectedly: {}", BotErrors.describe(e), e);
        }
    }

    private void askForProbe() {
        ScheduledExecutorService p;
        synchronized (this) {
            p = prober;
        }
        if (probeAsked.compareAndSet(false, true) && p != null && !p.isShutdown()) {
            p.execute(this::tick);
        }
    }

    private synchronized void markDown(Throwable cause) {
        if (downSince != null) {
            return;
        }
        downSince = clock.instant();
        lastReminder = downSince;
        LOG.warn("Postgres is unreachable; until a probe (every {} ms) reaches it, commands are told at once that the"
                + " database is unavailable: {}", probeInterval.toMillis(), BotErrors.describe(cause));
    }

    private void markUp() {
        synchronized (this) {
            if (downSince == null) {
                return;
            }
            LOG.info("Postgres is reachable again after {} s of outage", Duration.between(downSince, clock
                    .instant()).toSeconds());
            downSince = null;
        }
        openListeners.forEach(Runnable::run);
    }

    private synchronized void remind(Exception e) {
        Instant now = clock.instant();
        if (downSince != null && Duration.between(lastReminder, now).compareTo(REMIND_EVERY) >= 0) {
            lastReminder = now;
            LOG.warn("Postgres still unreachable after {} s: {}", Duration.between(downSince, now).toSeconds(),
                    BotErrors.describe(e));
        }
    }

    @Override
    public synchronized void close() {
        if (prober != null) {
            prober.shutdownNow();
        }
    }

    /** Refusal while the database is known to be down; retriable, and no news about the database itself. */
    static final class ClosedException extends SQLTransientConnectionException {
        ClosedException(Instant since) {
            super("Postgres unreachable since " + since + "; waiting for a probe to reach it");
        }
    }
}
