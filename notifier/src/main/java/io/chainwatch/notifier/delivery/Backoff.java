package io.chainwatch.notifier.delivery;

import java.time.Duration;

/** Exponential backoff for transient failures: 1, 2, 4, 8, 16, then 30 s for every further attempt. Pure. */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);

    private Backoff() {
    }

    /** The wait after the {@code attempt}-th consecutive failure (1-based). */
    static Duration after(int attempt) {
        int shift = Math.clamp(attempt - 1, 0, 30);
        long millis = FIRST.toMillis() << shift;
        return millis >= MAX.toMillis() || millis <= 0 ? MAX : Duration.ofMillis(millis);
    }
}
