package io.chainwatch.notifier.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;

import io.chainwatch.notifier.delivery.ChatScheduler.Dispatch;

/**
 * What the consumer thread and the sending threads share: the {@link ChatScheduler} and the {@link OffsetTracker},
 * guarded by one lock, with a condition signalled whenever something changed (an alert arrived, a send completed).
 * Also remembers chat migrations, so alerts still addressed to an old chat id go to the new one. Thread-safe.
 */
public final class DeliveryState {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ChatScheduler scheduler;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<Long, Long> migrations = new ConcurrentHashMap<>();
    private final Clock clock;

    public DeliveryState(ChatScheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    OffsetTracker offsets() {
        return offsets;
    }

    long now() {
        return clock.millis();
    }

    void enqueue(QueuedAlert alert) {
        Long movedTo = migrations.get(alert.chatId());
        QueuedAlert addressed = movedTo == null ? alert : alert.movedTo(movedTo);
        locked(() -> {
            offsets.add(addressed.partition(), addressed.offset());
            scheduler.enqueue(addressed, now());
            return null;
        });
    }

    void migrated(long from, long to) {
        migrations.put(from, to);
    }

    /** The next dispatch, waiting up to {@code maxWaitMillis} for one to become due. */
    Optional<Dispatch> awaitNext(long maxWaitMillis) throws InterruptedException {
        lock.lock();
        try {
            long now = now();
            Optional<Dispatch> next = scheduler.next(now);
            if (next.isEmpty()) {
                OptionalLong wake = scheduler.nextWakeup(now);
                long wait = Math.clamp(wake.isPresent() ? wake.getAsLong() - now : maxWaitMillis, 1, maxWaitMillis);
                changed.await(wait, TimeUnit.MILLISECONDS);
            }
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Completes a dispatch: {@code done} leave the queue and their offsets become committable. */
    void completed(Dispatch dispatch, Collection<QueuedAlert> done, boolean sent) {
        locked(() -> {
            scheduler.completed(dispatch, done, sent, now());
            done.forEach(a -> offsets.done(a.partition(), a.offset()));
            return null;
        });
    }

    /**
     * For a progress edit about to take a token of the global budget: if another dispatch still waits for one, the
     * edit gives its turn back to the scheduler (and true is returned).
     */
    boolean deferEditIfNewAlertsWait(Dispatch dispatch) {
        lock.lock();
        try {
            if (!scheduler.editMustYield()) {
                return false;
            }
            scheduler.deferEdit(dispatch);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Progress steps held back behind new alerts at least once. */
    public long progressDeferred() {
        return locked(scheduler::progressDeferred);
    }

    /** Runs {@code action} on the scheduler under the lock and wakes the dispatcher. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            T result = action.get();
            changed.signalAll();
            return result;
        } finally {
            lock.unlock();
        }
    }

    void withScheduler(java.util.function.Consumer<ChatScheduler> action) {
        locked(() -> {
            action.accept(scheduler);
            return null;
        });
    }

    public long globalPausedUntil() {
        return locked(scheduler::globalPausedUntil);
    }

    /**
     * Drops the queued alerts of lost partitions and waits (up to {@code timeoutMillis}) for their sends in flight to
     * complete, so the offsets committed for them afterwards are final.
     */
    void releasePartitions(Collection<TopicPartition> partitions, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            scheduler.removePartitions(partitions);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (scheduler.inFlightCount(partitions) > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Partitions the consumer should pause: all when the buffer is full, else those feeding full chat queues. */
    Set<TopicPartition> partitionsToPause(Set<TopicPartition> assigned, int bufferCapacity, int chatCapacity) {
        return locked(() -> scheduler.size() >= bufferCapacity
                ? assigned
                : scheduler.partitionsOfChatsHolding(
                        chatCapacity));
    }

    public int queued() {
        return locked(scheduler::size);
    }

    /** Age in millis of the oldest queued alert, 0 when none. */
    public long oldestQueuedAgeMillis() {
        OptionalLong oldest = locked(scheduler::oldestEnqueuedAt);
        return oldest.isPresent() ? Math.max(0, now() - oldest.getAsLong()) : 0;
    }

    List<QueuedAlert> removeChat(Dispatch dispatch) {
        return locked(() -> scheduler.removeChat(dispatch));
    }

    /** Wakes anyone waiting for a change (for example on shutdown). */
    void signal() {
        locked(() -> null);
    }
}
