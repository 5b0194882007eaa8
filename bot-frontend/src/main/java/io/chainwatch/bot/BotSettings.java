package io.chainwatch.bot;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.chainwatch.bot.store.DbSettings;
import io.chainwatch.bot.track.TrackPolicy;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.names.AddressBook;

/**
 * Configuration of the bot front end, validated at startup.
 *
 * @param token the bot token ({@value #TOKEN}); empty: the service waits for one and does nothing else
 * @param apiUrl the Bot API base URL ({@value #API_URL})
 * @param db where Postgres is and how the pool is sized
 * @param maxWatchesPerChat most watches (addresses and transactions) one chat may have ({@value #MAX_WATCHES})
 * @param adminIds Telegram user ids allowed to use {@code /stats} ({@value #ADMIN_IDS})
 * @param chains the configured chains; commands accept only these
 * @param kafka where Kafka is
 * @param outboxPollInterval how often the outbox relay looks for unpublished rows when idle
 * @param outboxBatchSize how many outbox rows the relay publishes per transaction
 * @param webhook where Telegram sends updates ({@value #WEBHOOK_URL}, {@value #WEBHOOK_SECRET}); empty: long polling
 * @param rpcTimeout how long {@code /gas} and {@code /status} wait for a chain's nodes ({@value #RPC_TIMEOUT})
 * @param commandsBurst commands and button presses one chat may send at once ({@value #COMMANDS_BURST})
 * @param commandsPerMinute commands and button presses one chat may send a minute after the burst
 *        ({@value #COMMANDS_PER_MINUTE})
 * @param trackPatience how long {@code /track} looks for a hash no node knows ({@value #TRACK_KEEP_LOOKING}) and
 *        waits for a transaction that left the pool to come back before calling it dropped
 *        ({@value #TRACK_DROP_AFTER})
 * @param ensRegistries the ENS registry of each chain that has one ({@code CHAINWATCH_ENS_REGISTRY_<CHAIN>}), where
 *        {@code /watch <chain> <name>} resolves names and replies name the watched addresses
 * @param addressBook the operator's names for well-known addresses ({@code CHAINWATCH_ADDRESS_LABELS}), shown in
 *        replies as in notifications
 * @param ensCacheTtl how long an address's ENS name, or that it has none, is kept ({@code CHAINWATCH_ENS_CACHE_TTL})
 * @param nameWait the longest a reply such as {@code /list} waits for the names of the addresses it shows
 *        ({@value #NAME_WAIT}); those not in by then are shown as bare addresses, and named in the next reply
 */
public record BotSettings(Optional<String> token, String apiUrl, DbSettings db, int maxWatchesPerChat,
        Set<Long> adminIds, List<ChainConfig> chains, KafkaSettings kafka, Duration outboxPollInterval,
        int outboxBatchSize, Optional<Webhook> webhook, Duration rpcTimeout, int commandsBurst,
        int commandsPerMinute, TrackPolicy.Patience trackPatience, EnsRegistries ensRegistries,
        AddressBook addressBook, Duration ensCacheTtl, Duration nameWait) {

    /**
     * Webhook mode: Telegram posts updates to {@code url} with {@code secret} in the
     * {@code X-Telegram-Bot-Api-Secret-Token} header.
     */
    public record Webhook(String url, String secret) {
        @Override
        public String toString() {
            return "Webhook[url=" + ChainConfig.redact(url) + ", secret=<set>]";
        }
    }

    public static final String TOKEN = EnvNames.TELEGRAM_BOT_TOKEN;
    public static final String API_URL = EnvNames.TELEGRAM_API_URL;
    public static final String MAX_WATCHES = "CHAINWATCH_MAX_WATCHES_PER_CHAT";
    public static final String ADMIN_IDS = "TELEGRAM_ADMIN_IDS";
    public static final String OUTBOX_POLL = "CHAINWATCH_OUTBOX_POLL_INTERVAL";
    public static final String OUTBOX_BATCH = "CHAINWATCH_OUTBOX_BATCH_SIZE";
    public static final String WEBHOOK_URL = "TELEGRAM_WEBHOOK_URL";
    public static final String WEBHOOK_SECRET = "TELEGRAM_WEBHOOK_SECRET";
    public static final String RPC_TIMEOUT = "CHAINWATCH_BOT_RPC_TIMEOUT";
    public static final String COMMANDS_BURST = "CHAINWATCH_BOT_COMMANDS_BURST";
    public static final String COMMANDS_PER_MINUTE = "CHAINWATCH_BOT_COMMANDS_PER_MINUTE";
    public static final String TRACK_KEEP_LOOKING = "CHAINWATCH_TRACK_KEEP_LOOKING";
    public static final String TRACK_DROP_AFTER = "CHAINWATCH_TRACK_DROP_AFTER";
    public static final String NAME_WAIT = "CHAINWATCH_BOT_NAME_WAIT";
    /** Short: {@code /list} must answer at once, and a name not in by then is shown the next time. */
    public static final Duration DEFAULT_NAME_WAIT = Duration.ofMillis(300);
    public static final Duration MAX_NAME_WAIT = Duration.ofSeconds(2);

    /** Telegram's public Bot API. */
    public static final String DEFAULT_API_URL = "https://api.telegram.org";
    /** Watches one chat may hold, addresses and transactions together. */
    public static final int DEFAULT_MAX_WATCHES_PER_CHAT = 50;
    /** Idle poll interval of the outbox relay; a watch change also wakes it at once. */
    public static final Duration DEFAULT_OUTBOX_POLL_INTERVAL = Duration.ofMillis(500);
    /** Outbox rows published per relay transaction. */
    public static final int DEFAULT_OUTBOX_BATCH_SIZE = 200;
    /** A user waits at most this long for {@code /gas} or the heads in {@code /status}. */
    public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(3);
    /** Commands (and button presses) one chat may send back to back before it is asked to slow down. */
    public static final int DEFAULT_COMMANDS_BURST = 5;
    /** Commands (and button presses) per minute and chat after the burst: one every 2 s. */
    public static final int DEFAULT_COMMANDS_PER_MINUTE = 30;
    static final int MAX_COMMANDS_BURST = 100;
    static final int MAX_COMMANDS_PER_MINUTE = 600;

    /** Telegram's rule for {@code secret_token}: 1-256 characters A-Z, a-z, 0-9, _ and -. */
    static final Pattern WEBHOOK_SECRET_FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /** {@code <bot id>:<35 characters>}, as BotFather issues them. */
    static final Pattern TOKEN_FORMAT = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{35}");

    public BotSettings {
        adminIds = Set.copyOf(adminIds);
        chains = List.copyOf(chains);
    }

    public static BotSettings from(RuntimeEnv env) {
        Optional<String> token = env.get(TOKEN);
        token.ifPresent(BotSettings::validateToken);
        String apiUrl = validateApiUrl(env.get(API_URL, DEFAULT_API_URL));
        int maxWatches = env.getInt(MAX_WATCHES, DEFAULT_MAX_WATCHES_PER_CHAT);
        if (maxWatches < 1 || maxWatches > 100_000) {
            throw new ConfigException(MAX_WATCHES + " must be between 1 and 100000, got " + maxWatches);
        }
        Duration poll = env.getDuration(OUTBOX_POLL, DEFAULT_OUTBOX_POLL_INTERVAL);
        if (poll.isNegative() || poll.isZero()) {
            throw new ConfigException(OUTBOX_POLL + " must be positive, got " + poll);
        }
        int batch = env.getInt(OUTBOX_BATCH, DEFAULT_OUTBOX_BATCH_SIZE);
        if (batch < 1 || batch > 10_000) {
            throw new ConfigException(OUTBOX_BATCH + " must be between 1 and 10000, got " + batch);
        }
        Duration rpcTimeout = env.getDuration(RPC_TIMEOUT, DEFAULT_RPC_TIMEOUT);
        if (rpcTimeout.isNegative() || rpcTimeout.isZero() || rpcTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigException(RPC_TIMEOUT + " must be between 1ms and 30s, got " + rpcTimeout);
        }
        int burst = env.getInt(COMMANDS_BURST, DEFAULT_COMMANDS_BURST);
        if (burst < 1 || burst > MAX_COMMANDS_BURST) {
            throw new ConfigException(COMMANDS_BURST + " must be between 1 and " + MAX_COMMANDS_BURST + ", got "
                    + burst);
        }
        int perMinute = env.getInt(COMMANDS_PER_MINUTE, DEFAULT_COMMANDS_PER_MINUTE);
        if (perMinute < 1 || perMinute > MAX_COMMANDS_PER_MINUTE) {
            throw new ConfigException(COMMANDS_PER_MINUTE + " must be between 1 and " + MAX_COMMANDS_PER_MINUTE
                    + ", got " + perMinute);
        }
        TrackPolicy.Patience patience = new TrackPolicy.Patience(between(env, TRACK_KEEP_LOOKING,
                TrackPolicy.Patience.DEFAULT.keepLooking()),
                between(env, TRACK_DROP_AFTER, TrackPolicy.Patience.DEFAULT
                        .dropAfter()));
        Duration ensTtl = env.getDuration(EnsRegistries.CACHE_TTL, EnsRegistries.DEFAULT_CACHE_TTL);
        if (ensTtl.isNegative() || ensTtl.isZero()) {
            throw new ConfigException(EnsRegistries.CACHE_TTL + " must be positive, got " + ensTtl);
        }
        Duration nameWait = env.getDuration(NAME_WAIT, DEFAULT_NAME_WAIT);
        if (nameWait.isNegative() || nameWait.compareTo(MAX_NAME_WAIT) > 0) {
            throw new ConfigException(NAME_WAIT + " must be between 0 and " + MAX_NAME_WAIT.toMillis() + "ms, got "
                    + nameWait);
        }
        List<ChainConfig> chains = ChainConfig.allFrom(env);
        return new BotSettings(token, apiUrl, DbSettings.from(env), maxWatches, adminIds(env), chains, KafkaSettings
                .from(env), poll, batch, webhook(env), rpcTimeout, burst, perMinute, patience,
                EnsRegistries.from(env,
                        chains),
                AddressBook.from(env), ensTtl, nameWait);
    }

    /** A patience of {@code name}: from a second to a day (a story nobody ends would keep its row for ever). */
    private static Duration between(RuntimeEnv env, String name, Duration fallback) {
        Duration value = env.getDuration(name, fallback);
        if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofDays(1)) > 0) {
            throw new ConfigException(name + " must be between 1s and 24h, got " + value);
        }
        return value;
    }

    static Optional<Webhook> webhook(RuntimeEnv env) {
        Optional<String> url = env.get(WEBHOOK_URL);
        Optional<String> secret = env.get(WEBHOOK_SECRET);
        if (url.isEmpty()) {
            if (secret.isPresent()) {
                throw new ConfigException(WEBHOOK_SECRET + " is set but " + WEBHOOK_URL
                        + " is not: set both for webhook mode, or neither for long polling");
            }
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.get());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(WEBHOOK_URL + " must be the public https:// URL Telegram posts updates to, such"
                    + " as https://bot.example.com/telegram/webhook, got '" + ChainConfig.redact(url.get()) + "'");
        }
        if (secret.isEmpty()) {
            throw new ConfigException(WEBHOOK_SECRET + " is required when " + WEBHOOK_URL
                    + " is set: 1-256 characters A-Z, a-z, 0-9, _ or -");
        }
        if (!WEBHOOK_SECRET_FORMAT.matcher(secret.get()).matches()) {
            // never echo it: a near-miss secret is still a secret
            throw new ConfigException(WEBHOOK_SECRET + " must be 1-256 characters A-Z, a-z, 0-9, _ or - ("
                    + secret.get().length() + " characters given)");
        }
        return Optional.of(new Webhook(url.get(), secret.get()));
    }

    /** The configured chain whose name or alias is {@code nameOrAlias}. */
    public Optional<ChainConfig> chain(String nameOrAlias) {
        return io.chainwatch.schema.ChainPresets.find(nameOrAlias).flatMap(p -> chains.stream().filter(c -> c.name()
                .equals(p.name())).findFirst());
    }

    static void validateToken(String token) {
        if (!TOKEN_FORMAT.matcher(token).matches()) {
            // never echo the value: a near-miss token is still a secret
            throw new ConfigException(TOKEN + " is malformed: expected <digits>:<35 letters, digits, '_' or '-'>"
                    + " as issued by @BotFather (" + token.length() + " characters given)");
        }
    }

    static String validateApiUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(API_URL + " must be an http(s):// URL such as " + DEFAULT_API_URL + ", got '"
                    + ChainConfig.redact(url) + "'");
        }
    }

    private static Set<Long> adminIds(RuntimeEnv env) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : env.getList(ADMIN_IDS, List.of())) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new ConfigException(ADMIN_IDS + " must be a comma-separated list of Telegram user ids, got '"
                        + id + "'");
            }
        }
        return ids;
    }

    @Override
    public String toString() {
        return "BotSettings[token=" + (token.isPresent() ? "<set>" : "<unset>") + ", apiUrl=" + ChainConfig.redact(
                apiUrl) + ", db=" + db + ", maxWatchesPerChat=" + maxWatchesPerChat + ", chains="
                + chains.stream()
                        .map(ChainConfig::name).toList()
                + ", commandsPerChat=" + commandsBurst + " at once, " + commandsPerMinute + "/min, updates="
                + webhook.map(Webhook::toString).orElse("long polling") + "]";
    }
}
