package io.chainwatch.devkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bot's pending updates and Telegram's {@code getUpdates} semantics: ids increase by one; a poll with
 * {@code offset} forgets every update with a lower id (a negative offset keeps only the last {@code -offset}); a poll
 * waits up to its timeout for an update; one poll at a time: a newer poll ends the waiting one, which gets 409 (as on Telegram).
 * <p>
 * Thread-safe. Uses a {@link ReentrantLock} rather than monitors so waiting pollers do not pin virtual threads.
 */
final class UpdateQueue {

    static final String CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot "
            + "instance is running";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ObjectNode> pending = new ArrayList<>();
    private long nextUpdateId = 1;
    private long pollGeneration;
    private boolean closed;

    /** Adds the update built for the next id and wakes the poller; returns the id. */
    long add(LongFunction<ObjectNode> build) {
        lock.lock();
        try {
            long id = nextUpdateId++;
            pending.add(build.apply(id));
            changed.signalAll();
            return id;
        } finally {
            lock.unlock();
        }
    }

    List<ObjectNode> poll(long offset, int limit, Duration timeout) throws BotApiException, InterruptedException {
        lock.lock();
        try {
            // like Telegram: a new getUpdates ends the one still waiting (which answers 409), not the other way round
            long mine = ++pollGeneration;
            changed.signalAll();
            confirm(offset);
            long remaining = timeout.toNanos();
            while (pending.isEmpty() && !closed && remaining > 0 && mine == pollGeneration) {
                remaining = changed.awaitNanos(remaining);
            }
            if (mine != pollGeneration) {
                throw new BotApiException(409, CONFLICT);
            }
            return List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
        } finally {
            lock.unlock();
        }
    }

    private void confirm(long offset) {
        if (offset > 0) {
            pending.removeIf(update -> update.get("update_id").asLong() < offset);
        } else if (offset < 0 && pending.size() > -offset) {
            pending.subList(0, pending.size() - (int) -offset).clear();
        }
    }

    int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Releases waiting pollers; they answer with what is pending. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static Duration seconds(long seconds) {
        return Duration.ofNanos(TimeUnit.SECONDS.toNanos(Math.max(0, seconds)));
    }
}
