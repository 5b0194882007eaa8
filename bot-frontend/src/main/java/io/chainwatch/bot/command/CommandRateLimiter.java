package io.chainwatch.bot.command;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per chat for commands and button presses: a chat may send {@code burst} at once, then
 * {@code perMinute} a minute. The first refusal is a {@link Decision.Warn} (the chat is told once); every further one
 * is a silent {@link Decision.Drop}, until the chat has gone without a refusal for as long as its bucket takes to fill
 * up (10 s by default). So a chat that keeps flooding gets one notice in all and cannot make the bot send more than its
 * allowance, while one that paused and floods again is told again. Tokens are counted in exact integer units (a
 * token is 60,000 units; a millisecond adds {@code perMinute} of them), so refills are exact, not floating point.
 * <p>
 * Memory stays bounded: a chat idle for {@link #IDLE_EVICTION} (or longer, when its bucket takes longer to fill up) is
 * forgotten, which is what a full bucket would be anyway, and at most {@code maxChats} chats are remembered (the one
 * idle longest goes first). Time comes from the injected clock; a clock stepping back never adds tokens.
 * <p>
 * Thread-safe: every method is synchronized and does O(1) amortized work.
 */
public final class CommandRateLimiter {

    /** A chat idle this long has a full bucket again and is forgotten. */
    static final Duration IDLE_EVICTION = Duration.ofMinutes(10);
    /** Chats remembered at most (roughly 100 bytes each, so about 10 MB at most). */
    static final int DEFAULT_MAX_CHATS = 100_000;

    private static final long UNITS_PER_TOKEN = 60_000; // one minute in milliseconds

    /** What to do with one command or button press. */
    sealed interface Decision {
        /** Handle it. */
        record Allow() implements Decision {
        }

        /** Refuse it and tell the chat once; {@code retryAfter} is when the next command would be allowed. */
        record Warn(Duration retryAfter) implements Decision {
        }

        /** Refuse it silently: the chat has been told already. */
        record Drop() implements Decision {
        }
    }

    private static final Decision ALLOW = new Decision.Allow();
    private static final Decision DROP = new Decision.Drop();

    private static final class Bucket {
        long units;
        long updatedMillis;
        boolean warned;
        long lastRefusedMillis;

        Bucket(long units, long updatedMillis) {
            this.units = units;
            this.updatedMillis = updatedMillis;
        }
    }

    private final boolean unlimited;
    private final int perMinute;
    private final long capacityUnits;
    private final long quietMillis;
    private final long evictAfterMillis;
    private final int maxChats;
    private final Clock clock;
    private final LinkedHashMap<Long, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true); // least recent first

    public CommandRateLimiter(int burst, int perMinute, Clock clock) {
        this(burst, perMinute, DEFAULT_MAX_CHATS, clock);
    }

    CommandRateLimiter(int burst, int perMinute, int maxChats, Clock clock) {
        this(false, burst, perMinute, maxChats, clock);
    }

    private CommandRateLimiter(boolean unlimited, int burst, int perMinute, int maxChats, Clock clock) {
        if (burst < 1 || perMinute < 1 || maxChats < 1) {
            throw new IllegalArgumentException("burst, perMinute and maxChats must be positive");
        }
        this.unlimited = unlimited;
        this.perMinute = perMinute;
        this.capacityUnits = burst * UNITS_PER_TOKEN;
        this.quietMillis = (capacityUnits + perMinute - 1) / perMinute;
        this.evictAfterMillis = Math.max(IDLE_EVICTION.toMillis(), quietMillis);
        this.maxChats = maxChats;
        this.clock = clock;
    }

    /** A limiter that allows everything (tests of the commands themselves). */
    static CommandRateLimiter unlimited() {
        return new CommandRateLimiter(true, 1, 1, 1, Clock.systemUTC());
    }

    /** Takes a token for one command or button press of {@code chatId}, if there is one. */
    synchronized Decision acquire(long chatId) {
        if (unlimited) {
            return ALLOW;
        }
        long now = clock.millis();
        evictIdle(now);
        Bucket bucket = buckets.get(chatId);
        if (bucket == null) {
            if (buckets.size() >= maxChats) {
                Iterator<Map.Entry<Long, Bucket>> eldest = buckets.entrySet().iterator();
                eldest.next();
                eldest.remove();
            }
            bucket = new Bucket(capacityUnits, now);
            buckets.put(chatId, bucket);
        }
        refill(bucket, now);
        if (bucket.units >= UNITS_PER_TOKEN) {
            bucket.units -= UNITS_PER_TOKEN;
            return ALLOW;
        }
        boolean throttledPeriod = bucket.warned && now - bucket.lastRefusedMillis < quietMillis;
        bucket.lastRefusedMillis = Math.max(bucket.lastRefusedMillis, now);
        if (throttledPeriod) {
            return DROP;
        }
        bucket.warned = true;
        long missing = UNITS_PER_TOKEN - bucket.units;
        return new Decision.Warn(Duration.ofMillis((missing + perMinute - 1) / perMinute));
    }

    /** Chats currently remembered. */
    synchronized int trackedChats() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long now) {
        long elapsed = Math.min(Math.max(0, now - bucket.updatedMillis), capacityUnits); // perMinute >= 1
        bucket.units = Math.min(capacityUnits, bucket.units + elapsed * perMinute);
        bucket.updatedMillis = Math.max(bucket.updatedMillis, now);
    }

    private void evictIdle(long now) {
        Iterator<Bucket> it = buckets.values().iterator();
        while (it.hasNext()) {
            if (now - it.next().updatedMillis < evictAfterMillis) {
                return; // least recently used first: the rest are younger
            }
            it.remove();
        }
    }
}
