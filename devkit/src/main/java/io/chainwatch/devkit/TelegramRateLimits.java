package io.chainwatch.devkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Telegram's flood limits for one bot, as sliding windows over the messages it accepted:
 * <ul>
 * <li>bot overall: at most {@value #GLOBAL_PER_SECOND} messages in any 1-second window;</li>
 * <li>a private chat ({@code chat_id > 0}): one message per interval (default {@link #DEFAULT_PRIVATE_INTERVAL}, a
 * burst of 1). The exact rule: a message is refused when the previous accepted message to that chat was less than
 * {@code interval - interval/20} ago (950 ms by default), so a sender pacing at exactly one per second never trips
 * on scheduling jitter;</li>
 * <li>a group ({@code chat_id < 0}): at most {@value #GROUP_PER_MINUTE} messages in any 60-second window.</li>
 * </ul>
 * A refused message is not counted. The refusal carries {@code retry_after}: the seconds, rounded up and at least 1,
 * until the fullest violated window frees a slot.
 * <p>
 * Time comes from the injected monotonic nanosecond clock. Thread-safe: all methods are synchronized and short.
 */
final class TelegramRateLimits {

    static final int GLOBAL_PER_SECOND = 30;
    static final int GROUP_PER_MINUTE = 20;
    static final Duration DEFAULT_PRIVATE_INTERVAL = Duration.ofMillis(1000);

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final LongSupplier nanoClock;
    private final Deque<Long> global = new ArrayDeque<>();
    private final Map<Long, Long> lastPrivate = new HashMap<>();
    private final Map<Long, Deque<Long>> groups = new HashMap<>();
    private long privateIntervalNanos = DEFAULT_PRIVATE_INTERVAL.toNanos();

    TelegramRateLimits(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    synchronized void privateChatInterval(Duration interval) {
        this.privateIntervalNanos = interval.toNanos();
    }

    /** Counts a message to {@code chatId}, or throws the 429 Telegram would answer without counting it. */
    synchronized void acquire(long chatId) throws BotApiException {
        long now = nanoClock.getAsLong();
        long waitNanos = windowWait(global, now, SECOND, GLOBAL_PER_SECOND);
        if (chatId > 0 && lastPrivate.containsKey(chatId)) {
            long since = now - lastPrivate.get(chatId);
            if (since < privateIntervalNanos - privateIntervalNanos / 20) {
                waitNanos = Math.max(waitNanos, privateIntervalNanos - since);
            }
        }
        Deque<Long> group = chatId < 0 ? groups.computeIfAbsent(chatId, id -> new ArrayDeque<>()) : null;
        if (group != null) {
            waitNanos = Math.max(waitNanos, windowWait(group, now, MINUTE, GROUP_PER_MINUTE));
        }
        if (waitNanos > 0) {
            throw BotApiException.tooManyRequests(Math.max(1, (waitNanos + SECOND - 1) / SECOND));
        }
        global.addLast(now);
        if (chatId > 0) {
            lastPrivate.put(chatId, now);
        } else if (group != null) {
            group.addLast(now);
        }
    }

    /** Drops expired entries; returns how long until a slot frees, or 0 when there is one now. */
    private static long windowWait(Deque<Long> window, long now, long length, int capacity) {
        while (!window.isEmpty() && window.peekFirst() <= now - length) {
            window.removeFirst();
        }
        return window.size() < capacity ? 0 : window.peekFirst() + length - now;
    }
}
