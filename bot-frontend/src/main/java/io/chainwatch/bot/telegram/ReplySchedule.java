package io.chainwatch.bot.telegram;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * When each reply may go out without Telegram answering 429: one message a second to a private chat, 20 a minute to a
 * group (a chat id below zero), about 30 a second for the whole bot. A reply reserves its chat's next free slot the
 * moment it is ready, so the replies of one chat leave in order and evenly spaced while other chats' replies do not
 * wait for them; the bot-wide pace is taken just before sending ({@link #reserveGlobal()}), where waits are a few
 * milliseconds. Edits of a message count like messages, as they do for Telegram.
 * <p>
 * Memory stays bounded: a chat whose last slot lies further back than the longest interval has nothing to remember
 * and is forgotten, and at most {@code maxChats} are kept (least recently used first). Time is a monotonic nanosecond
 * clock, injected. Thread-safe: the methods are synchronized and O(1) amortized.
 */
final class ReplySchedule {

    /** Telegram: "no more than one message per second" in a private chat. */
    static final Duration PRIVATE_INTERVAL = Duration.ofSeconds(1);
    /** Telegram: no more than 20 messages a minute in a group; 3.05 s keeps every 60-second window at 20 or fewer. */
    static final Duration GROUP_INTERVAL = Duration.ofMillis(3050);
    /** Replies a second for the whole bot, under Telegram's 30 (the notifier sends too, on its own budget). */
    static final int GLOBAL_PER_SECOND = 25;
    static final int DEFAULT_MAX_CHATS = 100_000;

    private final long privateNanos = PRIVATE_INTERVAL.toNanos();
    private final long groupNanos = GROUP_INTERVAL.toNanos();
    private final long globalGapNanos = Duration.ofSeconds(1).toNanos() / GLOBAL_PER_SECOND;
    private final int maxChats;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<Long, Long> lastSlot = new LinkedHashMap<>(64, 0.75f, true);
    private long nextGlobal = Long.MIN_VALUE;

    ReplySchedule(int maxChats, LongSupplier nanoClock) {
        if (maxChats < 1) {
            throw new IllegalArgumentException("maxChats must be positive");
        }
        this.maxChats = maxChats;
        this.nanoClock = nanoClock;
    }

    /** Reserves the next slot of {@code chatId}; returns how many nanoseconds from now the reply may go. */
    synchronized long reserve(long chatId) {
        long now = nanoClock.getAsLong();
        forgetIdle(now);
        Long last = lastSlot.get(chatId);
        long slot = last == null ? now : Math.max(now, last + interval(chatId));
        lastSlot.put(chatId, slot);
        return slot - now;
    }

    /** Telegram asked to wait ({@code retry_after}): no slot of {@code chatId} before {@code wait} from now. */
    synchronized void defer(long chatId, Duration wait) {
        long until = nanoClock.getAsLong() + wait.toNanos() - interval(chatId);
        lastSlot.merge(chatId, until, Math::max);
    }

    /** Takes the bot-wide slot for a send happening now; returns how many nanoseconds to wait first. */
    synchronized long reserveGlobal() {
        long now = nanoClock.getAsLong();
        long slot = nextGlobal == Long.MIN_VALUE ? now : Math.max(now, nextGlobal);
        nextGlobal = slot + globalGapNanos;
        return slot - now;
    }

    synchronized int trackedChats() {
        return lastSlot.size();
    }

    private long interval(long chatId) {
        return chatId < 0 ? groupNanos : privateNanos;
    }

    private void forgetIdle(long now) {
        Iterator<Map.Entry<Long, Long>> it = lastSlot.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> eldest = it.next();
            boolean idle = now - eldest.getValue() >= groupNanos;
            if (!idle && lastSlot.size() < maxChats) {
                return; // least recently reserved first: the rest were reserved later
            }
            it.remove();
        }
    }
}
