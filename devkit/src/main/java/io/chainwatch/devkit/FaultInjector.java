package io.chainwatch.devkit;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Failures a test asks for: the next N Bot API calls fail with a given status, or every call hangs while paused
 * ("Telegram is down"). A call that was held by a pause is never executed: when the pause ends it is answered 502
 * Bad Gateway (its client has usually given up by then), so a message sent into an outage is never delivered
 * behind the sender's back. Thread-safe.
 */
final class FaultInjector {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private boolean paused;
    private boolean closed;

    void failNext(int count, int httpStatus) {
        lock.lock();
        try {
            failures.addAll(Collections.nCopies(count, httpStatus));
        } finally {
            lock.unlock();
        }
    }

    void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    void resume() {
        lock.lock();
        try {
            paused = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Called before each Bot API call: hangs while paused, or throws the next injected failure. */
    void beforeCall() throws BotApiException, InterruptedException {
        lock.lock();
        try {
            if (paused) {
                while (paused && !closed) {
                    resumed.await();
                }
                throw BotApiException.forStatus(502);
            }
            Integer status = failures.poll();
            if (status != null) {
                throw BotApiException.forStatus(status);
            }
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
