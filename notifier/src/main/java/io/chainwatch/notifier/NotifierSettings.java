package io.chainwatch.notifier;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.names.AddressBook;
import io.chainwatch.notifier.prices.PriceSettings;

/**
 * The notifier's configuration, read from the runtime contract's environment variables and validated at startup.
 *
 * @param kafka where Kafka is ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param botToken {@code TELEGRAM_BOT_TOKEN}; empty: messages are logged instead of sent
 * @param apiUrl {@code TELEGRAM_API_URL}, default {@value #DEFAULT_API_URL}
 * @param globalRate {@code TELEGRAM_GLOBAL_RATE}: messages per second for the whole bot, all instances together
 * @param globalBurst {@code NOTIFIER_GLOBAL_BURST}: how many of those may go back to back
 * @param privateChatRate {@code NOTIFIER_PRIVATE_CHAT_RATE}: messages per second to one private chat
 * @param groupChatRatePerMinute {@code NOTIFIER_GROUP_CHAT_RATE_PER_MINUTE}: messages per minute to one group
 * @param digestThreshold {@code NOTIFIER_DIGEST_THRESHOLD}: a chat backlog above this is sent as digests
 * @param digestAfter {@code NOTIFIER_DIGEST_AFTER}: when a chat's turn comes, two or more queued alerts of which one,
 *            sent one per interval, would have waited longer than this since it was queued go as one digest
 * @param chatQueueCapacity {@code NOTIFIER_CHAT_QUEUE_CAPACITY}: queued alerts per chat before its partition pauses
 * @param bufferCapacity {@code NOTIFIER_BUFFER_CAPACITY}: queued alerts in all before every partition pauses
 * @param sendConcurrency {@code NOTIFIER_SEND_CONCURRENCY}: sends in flight at once (on virtual threads)
 * @param requestTimeout {@code NOTIFIER_REQUEST_TIMEOUT}: connect and answer timeout of one Bot API call
 * @param consumerGroup {@code NOTIFIER_CONSUMER_GROUP}
 * @param redisUrl {@code REDIS_URL}; empty: a file ledger and a local rate budget
 * @param redisKeyPrefix {@code NOTIFIER_REDIS_KEY_PREFIX}: prepended to every Redis key (tests, shared Redis)
 * @param ledgerTtl {@code NOTIFIER_LEDGER_TTL}: how long a delivery is remembered
 * @param dataDir {@code CHAINWATCH_DATA_DIR}: where the file ledger lives without Redis
 * @param chains {@code CHAINWATCH_CHAINS} with their {@code CHAINWATCH_RPC_<CHAIN>} endpoints: where token symbols
 *            and decimals are read
 * @param tokenLookupTimeout {@code NOTIFIER_TOKEN_LOOKUP_TIMEOUT}: how long a message waits for its token's metadata
 *            and its dollar value (read together) before it goes out without them
 * @param tokenCacheSize {@code NOTIFIER_TOKEN_CACHE_SIZE}: tokens whose metadata is kept in memory
 * @param tokenRetryAfter {@code NOTIFIER_TOKEN_RETRY_AFTER}: how long a failed token lookup is remembered before it is
 *            tried again
 * @param progressQuiet {@code NOTIFIER_PROGRESS_QUIET}: how long after a chat's last new alert its messages may be
 *            edited with confirmation updates (0s: at once)
 * @param progressMaxWait {@code NOTIFIER_PROGRESS_MAX_WAIT}: how long a confirmation update may stay queued behind new
 *            alerts (which take the bot's budget first) before it is dropped
 * @param addressBook {@code CHAINWATCH_ADDRESS_LABELS}: the file of names for well-known addresses, read at startup
 *            (unset: none)
 * @param ensRegistries {@code CHAINWATCH_ENS_REGISTRY_<CHAIN>}: the chains whose addresses are named by their ENS
 *            names, and their registries
 * @param ensCacheTtl {@code CHAINWATCH_ENS_CACHE_TTL}: how long an address's ENS name (or that it has none) is kept
 * @param prices {@code CHAINWATCH_PRICE_FEEDS_<CHAIN>} and the price cache: where dollar values come from
 */
public record NotifierSettings(KafkaSettings kafka, Optional<String> botToken, String apiUrl, double globalRate,
        int globalBurst, double privateChatRate, double groupChatRatePerMinute, int digestThreshold,
        Duration digestAfter, int chatQueueCapacity, int bufferCapacity, int sendConcurrency, Duration requestTimeout,
        String consumerGroup,
        Optional<URI> redisUrl, String redisKeyPrefix, Duration ledgerTtl, Path dataDir, List<ChainConfig> chains,
        Duration tokenLookupTimeout, int tokenCacheSize, Duration tokenRetryAfter, Duration progressQuiet,
        Duration progressMaxWait, AddressBook addressBook, EnsRegistries ensRegistries, Duration ensCacheTtl,
        PriceSettings prices) {

    public static final String BOT_TOKEN = EnvNames.TELEGRAM_BOT_TOKEN;
    public static final String API_URL = EnvNames.TELEGRAM_API_URL;
    public static final String GLOBAL_RATE = "TELEGRAM_GLOBAL_RATE";
    public static final String GLOBAL_BURST = "NOTIFIER_GLOBAL_BURST";
    public static final String PRIVATE_CHAT_RATE = "NOTIFIER_PRIVATE_CHAT_RATE";
    public static final String GROUP_CHAT_RATE_PER_MINUTE = "NOTIFIER_GROUP_CHAT_RATE_PER_MINUTE";
    public static final String DIGEST_THRESHOLD = "NOTIFIER_DIGEST_THRESHOLD";
    public static final String DIGEST_AFTER = "NOTIFIER_DIGEST_AFTER";
    public static final String CHAT_QUEUE_CAPACITY = "NOTIFIER_CHAT_QUEUE_CAPACITY";
    public static final String BUFFER_CAPACITY = "NOTIFIER_BUFFER_CAPACITY";
    public static final String SEND_CONCURRENCY = "NOTIFIER_SEND_CONCURRENCY";
    public static final String REQUEST_TIMEOUT = "NOTIFIER_REQUEST_TIMEOUT";
    public static final String CONSUMER_GROUP = "NOTIFIER_CONSUMER_GROUP";
    public static final String REDIS_URL = EnvNames.REDIS_URL;
    public static final String REDIS_KEY_PREFIX = "NOTIFIER_REDIS_KEY_PREFIX";
    public static final String LEDGER_TTL = "NOTIFIER_LEDGER_TTL";
    public static final String DATA_DIR = EnvNames.DATA_DIR;
    public static final String TOKEN_LOOKUP_TIMEOUT = "NOTIFIER_TOKEN_LOOKUP_TIMEOUT";
    public static final String TOKEN_CACHE_SIZE = "NOTIFIER_TOKEN_CACHE_SIZE";
    public static final String TOKEN_RETRY_AFTER = "NOTIFIER_TOKEN_RETRY_AFTER";
    public static final String PROGRESS_QUIET = "NOTIFIER_PROGRESS_QUIET";
    public static final String PROGRESS_MAX_WAIT = "NOTIFIER_PROGRESS_MAX_WAIT";
    public static final String ADDRESS_LABELS = AddressBook.ENV;
    public static final String ENS_CACHE_TTL = EnsRegistries.CACHE_TTL;
    /** An address's ENS name is read again after an hour: names change rarely, and a lookup is 4 calls. */
    public static final Duration DEFAULT_ENS_CACHE_TTL = EnsRegistries.DEFAULT_CACHE_TTL;
    /**
     * Confirmation updates wait until a chat has had no new alert for 4 s: more than three private-chat intervals,
     * so a chat receiving a transaction every block or two keeps its whole budget for new alerts.
     */
    public static final Duration DEFAULT_PROGRESS_QUIET = Duration.ofSeconds(4);
    /**
     * A confirmation update queued for 30 s behind new alerts is dropped: the bot's budget has been full of new alerts
     * for that long, the next depth (or none) will do, and its offset must not hold the partition's commits back.
     */
    public static final Duration DEFAULT_PROGRESS_MAX_WAIT = Duration.ofSeconds(30);

    /** Telegram's public Bot API. */
    public static final String DEFAULT_API_URL = "https://api.telegram.org";
    /** 25 messages/s for the bot: below Telegram's ~30/s, leaving room for the bot front end's replies. */
    public static final double DEFAULT_GLOBAL_RATE = 25;
    /** 0.9 messages/s per private chat: below Telegram's 1/s, so scheduling jitter never trips it. */
    public static final double DEFAULT_PRIVATE_CHAT_RATE = 0.9;
    /** 20 messages/minute per group, Telegram's limit (paced evenly, one every 3 s). */
    public static final double DEFAULT_GROUP_CHAT_RATE_PER_MINUTE = 20;
    /**
     * A chat with more than 20 queued alerts gets digests. With {@link #DEFAULT_DIGEST_AFTER} this size rule only
     * matters for a queue of confirmation updates: two new alerts queued already make a digest.
     */
    public static final int DEFAULT_DIGEST_THRESHOLD = 20;
    /**
     * An alert waits at most about 1 s in its chat's queue behind the chat's own earlier alerts: one private-chat
     * interval (Telegram allows 1 message/s), so at default pacing two or more new alerts queued when a private
     * chat's (or a group's) turn comes go as one digest. An alert then reaches Telegram within one interval (1.1 s)
     * plus the wait for the bot's budget (at most {@link #DEFAULT_SEND_CONCURRENCY} / {@link #DEFAULT_GLOBAL_RATE} =
     * 0.32 s) plus the pipeline upstream: within the 2 s target in bursts. A second interval (2.2 s) would not fit.
     */
    public static final Duration DEFAULT_DIGEST_AFTER = Duration.ofSeconds(1);
    /** Telegram's limit for one bot: about 30 messages in any second. */
    public static final int TELEGRAM_MESSAGES_PER_SECOND = 30;
    /**
     * One message of that 30 kept free by the default burst: the budget counts a message when it takes its token,
     * Telegram when the request arrives, and the jitter in between can move a message into the next second.
     * {@code bench/run notify} with rate + burst = 30 got one 429 (global) in 2 of 8 runs of its Part A.
     */
    public static final int JITTER_MARGIN = 1;
    /** At most 5 back to back (the alerts of one block leave together rather than one every 40 ms). */
    public static final int MAX_DEFAULT_GLOBAL_BURST = 5;
    /** 2,000 queued alerts per chat. */
    public static final int DEFAULT_CHAT_QUEUE_CAPACITY = 2_000;
    /** 20,000 queued alerts in all. */
    public static final int DEFAULT_BUFFER_CAPACITY = 20_000;
    /** 8 sends in flight. */
    public static final int DEFAULT_SEND_CONCURRENCY = 8;
    /** 10 s per Bot API call. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final String DEFAULT_CONSUMER_GROUP = "chainwatch-notifier";
    /** Deliveries are remembered 7 days, as long as the alerts topic keeps records. */
    public static final Duration DEFAULT_LEDGER_TTL = Duration.ofDays(7);
    public static final String DEFAULT_DATA_DIR = "./data";
    /** A message waits at most 1.5 s for its token's symbol and decimals (once per token; then they are cached). */
    public static final Duration DEFAULT_TOKEN_LOOKUP_TIMEOUT = Duration.ofMillis(1500);
    /** 10,000 tokens' metadata in memory (a few MB at most). */
    public static final int DEFAULT_TOKEN_CACHE_SIZE = 10_000;
    /** A token whose metadata could not be read is tried again after 1 minute. */
    public static final Duration DEFAULT_TOKEN_RETRY_AFTER = Duration.ofMinutes(1);

    private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]{20,}");

    public static NotifierSettings from(RuntimeEnv env) {
        Optional<String> token = env.get(BOT_TOKEN);
        if (token.isPresent() && !TOKEN.matcher(token.get()).matches()) {
            // never echo the value: it is a secret even when malformed
            throw new ConfigException(BOT_TOKEN + " is malformed: expected <bot id>:<secret> as BotFather gives it");
        }
        double globalRate = positive(env, GLOBAL_RATE, DEFAULT_GLOBAL_RATE);
        return new NotifierSettings(KafkaSettings.from(env), token, url(env, API_URL, DEFAULT_API_URL), globalRate,
                (int) positive(env, GLOBAL_BURST, defaultGlobalBurst(globalRate)), positive(env,
                        PRIVATE_CHAT_RATE, DEFAULT_PRIVATE_CHAT_RATE),
                positive(env, GROUP_CHAT_RATE_PER_MINUTE,
                        DEFAULT_GROUP_CHAT_RATE_PER_MINUTE),
                (int) positive(env, DIGEST_THRESHOLD,
                        DEFAULT_DIGEST_THRESHOLD),
                notNegative(env, DIGEST_AFTER, DEFAULT_DIGEST_AFTER),
                (int) positive(env, CHAT_QUEUE_CAPACITY,
                        DEFAULT_CHAT_QUEUE_CAPACITY),
                (int) positive(env, BUFFER_CAPACITY,
                        DEFAULT_BUFFER_CAPACITY),
                (int) positive(env,
                        SEND_CONCURRENCY, DEFAULT_SEND_CONCURRENCY),
                positiveDuration(env, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT), env.get(CONSUMER_GROUP,
                        DEFAULT_CONSUMER_GROUP),
                env.get(REDIS_URL).map(v -> redisUri(v)), env.get(REDIS_KEY_PREFIX,
                        ""),
                positiveDuration(env, LEDGER_TTL, DEFAULT_LEDGER_TTL), Path.of(env.get(DATA_DIR,
                        DEFAULT_DATA_DIR)),
                ChainConfig.allFrom(env), positiveDuration(env, TOKEN_LOOKUP_TIMEOUT, DEFAULT_TOKEN_LOOKUP_TIMEOUT),
                (int) positive(env, TOKEN_CACHE_SIZE, DEFAULT_TOKEN_CACHE_SIZE), positiveDuration(env,
                        TOKEN_RETRY_AFTER, DEFAULT_TOKEN_RETRY_AFTER),
                notNegative(env, PROGRESS_QUIET,
                        DEFAULT_PROGRESS_QUIET),
                positiveDuration(env, PROGRESS_MAX_WAIT, DEFAULT_PROGRESS_MAX_WAIT),
                AddressBook.from(env), ensRegistries(env), positiveDuration(env, ENS_CACHE_TTL, DEFAULT_ENS_CACHE_TTL),
                PriceSettings.from(env, ChainConfig.allFrom(env)));
    }

    /**
     * The default of {@code NOTIFIER_GLOBAL_BURST} for a bot rate of {@code globalRate}: as many back-to-back messages
     * as Telegram's 30 in any second leaves above the rate, less {@value #JITTER_MARGIN} (a token bucket of rate r and
     * burst b lets at most b + r through in any 1-second window), at most {@value #MAX_DEFAULT_GLOBAL_BURST} and at
     * least 1: 4 at the default 25/s.
     */
    public static int defaultGlobalBurst(double globalRate) {
        return (int) Math.clamp(TELEGRAM_MESSAGES_PER_SECOND - JITTER_MARGIN - (long) Math.ceil(globalRate), 1,
                MAX_DEFAULT_GLOBAL_BURST);
    }

    private static EnsRegistries ensRegistries(RuntimeEnv env) {
        return EnsRegistries.from(env, ChainConfig.allFrom(env));
    }

    /**
     * Progress edits in flight at once: half the senders, so that new alerts always find senders free (an edit that
     * waits for the budget while a new alert does gives its sender back anyway).
     */
    public int maxEditsInFlight() {
        return Math.max(1, sendConcurrency / 2);
    }

    /** Spacing between two messages to one private chat. */
    public Duration privateChatInterval() {
        return Duration.ofNanos(Math.round(1e9 / privateChatRate));
    }

    /** Spacing between two messages to one group. */
    public Duration groupChatInterval() {
        return Duration.ofNanos(Math.round(60e9 / groupChatRatePerMinute));
    }

    @Override
    public String toString() {
        return "NotifierSettings[bot token " + (botToken.isPresent() ? "set" : "unset (logging only)") + ", api "
                + apiUrl + ", global " + globalRate + "/s, redis " + redisUrl.map(u -> u.getHost() + ":" + u.getPort())
                        .orElse("unset")
                + "]"; // no token, no Redis password
    }

    private static double positive(RuntimeEnv env, String name, double defaultValue) {
        double value = env.getDouble(name, defaultValue);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(name + " must be a positive number, got " + value);
        }
        return value;
    }

    private static Duration notNegative(RuntimeEnv env, String name, Duration defaultValue) {
        Duration value = env.getDuration(name, defaultValue);
        if (value.isNegative()) {
            throw new ConfigException(name + " must not be negative, got " + value);
        }
        return value;
    }

    private static Duration positiveDuration(RuntimeEnv env, String name, Duration defaultValue) {
        Duration value = env.getDuration(name, defaultValue);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(name + " must be positive, got " + value);
        }
        return value;
    }

    private static String url(RuntimeEnv env, String name, String defaultValue) {
        String value = env.get(name, defaultValue);
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be an http(s) URL, got '" + value + "'");
        }
    }

    private static URI redisUri(String value) {
        try {
            URI uri = URI.create(value);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(REDIS_URL + " must look like redis://host:6379, got a malformed value");
        }
    }
}
