package io.chainwatch.ingestor;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the follower when a new head is announced (websocket {@code newHeads}), so it does not wait out its poll
 * interval. Several announcements while the follower is busy collapse into one wake-up. Thread-safe.
 */
final class HeadSignal {

    private final Semaphore permits = new Semaphore(0);

    void announce() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits until a head is announced or {@code timeout} passes; true when woken by an announcement. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        permits.drainPermits();
        return woken;
    }
}
