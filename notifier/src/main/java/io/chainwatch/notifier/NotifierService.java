package io.chainwatch.notifier;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.notifier.delivery.AlertConsumer;
import io.chainwatch.notifier.delivery.ChatScheduler;
import io.chainwatch.notifier.delivery.ChatScheduler.Pacing;
import io.chainwatch.notifier.delivery.DeliveryState;
import io.chainwatch.notifier.delivery.Dispatcher;
import io.chainwatch.notifier.delivery.GlobalRateLimiter;
import io.chainwatch.notifier.delivery.KafkaSink;
import io.chainwatch.notifier.delivery.Lookups;
import io.chainwatch.notifier.delivery.NotifierMetrics;
import io.chainwatch.notifier.ens.EnsDirectory;
import io.chainwatch.notifier.erc20.TokenDirectory;
import io.chainwatch.notifier.erc20.TokenRpc;
import io.chainwatch.notifier.ledger.DeliveryLedger;
import io.chainwatch.notifier.ledger.FileDeliveryLedger;
import io.chainwatch.notifier.ledger.RedisDeliveryLedger;
import io.chainwatch.notifier.lookup.NodeCalls;
import io.chainwatch.notifier.prices.FeedReader;
import io.chainwatch.notifier.prices.PriceBook;
import io.chainwatch.notifier.prices.PriceSettings;
import io.chainwatch.notifier.telegram.BotApiClient;
import io.chainwatch.notifier.telegram.LoggingTelegramClient;
import io.chainwatch.notifier.telegram.TelegramClient;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.micrometer.core.instrument.MeterRegistry;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * The notifier: consumes {@code chainwatch.alerts} (group {@code chainwatch-notifier}, read_committed, manual
 * commits) on one thread and delivers the alerts to Telegram from a small pool of virtual threads, within the bot's
 * global budget (shared through Redis when {@code REDIS_URL} is set) and each chat's pace, exactly once per alert id
 * (the {@link DeliveryLedger}). Without a bot token the messages are logged instead of sent.
 * <p>
 * Plain Java, no Micronaut types. {@link #start()} returns once the threads run; {@link #close()} stops taking new
 * work, lets sends in flight finish (bounded), commits and closes.
 */
public final class NotifierService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);
    /** Key of the bot's shared message budget in Redis (after {@code NOTIFIER_REDIS_KEY_PREFIX}). */
    public static final String GLOBAL_BUDGET_KEY = "chainwatch:notifier:global-budget";
    /** Digests carry at most this many alerts per dispatch; the formatter packs what fits in 4,096 characters. */
    static final int MAX_DIGEST_BATCH = 100;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    private static final long HEALTHY_POLL_MILLIS = 60_000;

    private final NotifierSettings settings;
    private final MeterRegistry registry;
    private final Clock clock;
    private final DeliveryState state;
    private JedisPool redis;
    private DeliveryLedger ledger;
    private TelegramClient telegram;
    private KafkaSink sink;
    private ExecutorService senders;
    private Dispatcher dispatcher;
    private PriceBook prices;
    private AlertConsumer consumer;
    private Thread dispatcherThread;
    private Thread consumerThread;

    public NotifierService(NotifierSettings settings, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.registry = registry;
        this.clock = clock;
        this.state = new DeliveryState(new ChatScheduler(new Pacing(settings.privateChatInterval(), settings
                .groupChatInterval(), settings.digestThreshold(), settings.digestAfter(),
                MAX_DIGEST_BATCH, settings.progressQuiet(),
                settings
                        .progressMaxWait(),
                settings.maxEditsInFlight())), clock);
    }

    /** Connects to Redis (or opens the file ledger), Kafka and Telegram and starts the threads. */
    public synchronized void start() {
        if (consumerThread != null) {
            throw new IllegalStateException("already started");
        }
        provisionTopics();
        GlobalRateLimiter budget;
        if (settings.redisUrl().isPresent()) {
            redis = pool(settings.redisUrl().get());
            ledger = new RedisDeliveryLedger(redis, settings.redisKeyPrefix(), settings.ledgerTtl(), clock);
            budget = new GlobalRateLimiter(Bucket4jJedis.casBasedBuilder(redis).expirationAfterWrite(
                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .keyMapper(Mapper.STRING).build().builder().build(settings.redisKeyPrefix() + GLOBAL_BUDGET_KEY,
                            () -> GlobalRateLimiter.configuration(settings.globalRate(), settings.globalBurst())));
        } else {
            ledger = new FileDeliveryLedger(settings.dataDir(), settings.ledgerTtl(), clock);
            budget = GlobalRateLimiter.local(settings.globalRate(), settings.globalBurst());
        }
        telegram = settings.botToken().<TelegramClient>map(token -> new BotApiClient(settings.apiUrl(), token,
                settings.requestTimeout())).orElseGet(LoggingTelegramClient::new);
        String clientId = "chainwatch-notifier-" + UUID.randomUUID().toString().substring(0, 8);
        sink = new KafkaSink(settings.kafka(), clientId);
        NotifierMetrics metrics = new NotifierMetrics(registry, state::queued, () -> state.oldestQueuedAgeMillis()
                / 1000.0, state::progressDeferred);
        senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("notifier-send-", 0).factory());
        NodeCalls nodes = new NodeCalls(settings.chains(), settings.tokenLookupTimeout());
        TokenDirectory tokens = new TokenDirectory(new TokenRpc(nodes), senders, settings.tokenCacheSize(), settings
                .tokenLookupTimeout(), settings.tokenRetryAfter(), clock::millis);
        // names and prices share the tokens' cache size and retry; a message waits for all of them at once
        EnsDirectory names = new EnsDirectory(EnsDirectory.onNodes(nodes, settings.ensRegistries()), settings
                .ensRegistries(), senders, settings.tokenCacheSize(), settings.tokenLookupTimeout(),
                settings
                        .ensCacheTtl(),
                settings.tokenRetryAfter(), clock::millis);
        prices = new PriceBook(settings.prices().feeds(), tokens, new FeedReader(nodes), senders,
                PriceSettings.CACHE_SIZE, settings.prices().cacheTtl(), settings.tokenRetryAfter(), settings.prices()
                        .maxAge(),
                clock::millis);
        dispatcher = new Dispatcher(state, ledger, budget, telegram, sink, metrics, senders, settings
                .sendConcurrency(),
                new Lookups(tokens, prices, names, settings.addressBook(), settings
                        .tokenLookupTimeout()));
        Map<String, Object> props = settings.kafka().consumer(clientId, settings.consumerGroup());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumer = new AlertConsumer(new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()), state, settings.bufferCapacity(), settings.chatQueueCapacity());
        dispatcherThread = Thread.ofPlatform().name("notifier-dispatch").start(dispatcher);
        consumerThread = Thread.ofPlatform().name("notifier-consume").start(consumer);
        LOG.info("Notifier started: {}, ledger {}, {}", settings, settings.redisUrl().isPresent()
                ? "Redis"
                : settings.dataDir().resolve(FileDeliveryLedger.FILE_NAME),
                telegram.live()
                        ? "sending to Telegram"
                        : "no TELEGRAM_BOT_TOKEN: logging messages instead of sending");
    }

    /** Healthy while the consumer thread is alive and polling. */
    public boolean isHealthy() {
        return consumer != null && consumerThread.isAlive() && consumer.healthy(HEALTHY_POLL_MILLIS);
    }

    /** What the health endpoint shows. */
    public Health health() {
        return new Health(isHealthy(), telegram != null && telegram.live(), dispatcher == null || dispatcher
                .storeAvailable(), state.queued(), state.oldestQueuedAgeMillis(), Math.max(0,
                        state
                                .globalPausedUntil() - clock.millis()),
                prices == null ? Map.of() : prices.failing());
    }

    /**
     * The notifier's state for {@code /health}.
     *
     * @param healthy the consumer is alive and polling
     * @param live messages go to Telegram (false: logged only, no token)
     * @param storeAvailable the ledger (and shared budget) can be used; while false nothing is sent
     * @param queued alerts waiting or in flight
     * @param oldestQueuedAgeMillis age of the oldest of them
     * @param pausedForMillis how much longer all sending is paused (429 or ledger outage)
     * @param failingPriceFeeds price feeds whose last reading failed or was stale ({@code chain feed → why}): their
     *            assets go out without a dollar value meanwhile
     */
    public record Health(boolean healthy, boolean live, boolean storeAvailable, int queued,
            long oldestQueuedAgeMillis, long pausedForMillis, Map<String, String> failingPriceFeeds) {
    }

    @Override
    public synchronized void close() {
        if (consumerThread == null) {
            return;
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        dispatcher.stop();
        join(dispatcherThread, deadline);
        senders.shutdown();
        try {
            if (!senders.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            senders.shutdownNow();
        }
        consumer.stop();
        join(consumerThread, System.nanoTime() + CLOSE_TIMEOUT.toNanos());
        closeQuietly(sink);
        closeQuietly(telegram);
        closeQuietly(ledger);
        if (redis != null) {
            redis.close();
        }
        consumerThread = null;
        LOG.info("Notifier stopped");
    }

    private void provisionTopics() {
        Thread.ofPlatform().name("notifier-topics").daemon().start(() -> {
            try {
                TopicProvisioner.ensureAll(settings.kafka());
            } catch (RuntimeException e) {
                LOG.warn("Could not create topics yet: {}", e.getMessage());
            }
        });
    }

    private JedisPool pool(URI uri) {
        GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(settings.sendConcurrency() * 2 + 4);
        config.setMaxWait(Duration.ofSeconds(2));
        return new JedisPool(config, uri, (int) Math.min(settings.requestTimeout().toMillis(), 5_000));
    }

    private static void join(Thread thread, long deadlineNanos) {
        try {
            thread.join(Duration.ofNanos(Math.max(1, remaining(deadlineNanos))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(1, deadlineNanos - System.nanoTime());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            LOG.warn("Error while closing {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
        }
    }
}
