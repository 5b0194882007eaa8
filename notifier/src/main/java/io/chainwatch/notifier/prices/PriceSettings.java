package io.chainwatch.notifier.prices;

import java.time.Duration;
import java.util.List;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

/**
 * How dollar values are read, validated at startup.
 *
 * @param feeds {@code CHAINWATCH_PRICE_FEEDS_<CHAIN>}: which feed prices which asset (default: the presets)
 * @param cacheTtl {@code NOTIFIER_PRICE_CACHE_TTL}: how long a feed's reading at a block is kept
 * @param maxAge {@code NOTIFIER_PRICE_MAX_AGE}: a feed not updated for this long before the block counts as stale,
 *            and its dollar value is not shown
 */
public record PriceSettings(PriceFeeds feeds, Duration cacheTtl, Duration maxAge) {

    public static final String CACHE_TTL = "NOTIFIER_PRICE_CACHE_TTL";
    public static final String MAX_AGE = "NOTIFIER_PRICE_MAX_AGE";
    /** Readings are per block, so a few minutes cover every block still being announced or edited. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
    /**
     * 25 hours: the feeds' slowest heartbeat (stablecoins are updated at least daily, or on a move) plus an hour of
     * slack. A feed quiet for longer than that has stopped.
     */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(25);
    /** Readings kept in memory: one per feed per recent block. */
    public static final int CACHE_SIZE = 4_096;

    public static PriceSettings from(RuntimeEnv env, List<ChainConfig> chains) {
        return new PriceSettings(PriceFeeds.from(env, chains), positive(env, CACHE_TTL, DEFAULT_CACHE_TTL), positive(
                env, MAX_AGE, DEFAULT_MAX_AGE));
    }

    private static Duration positive(RuntimeEnv env, String name, Duration defaultValue) {
        Duration value = env.getDuration(name, defaultValue);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(name + " must be positive, got " + value);
        }
        return value;
    }
}
