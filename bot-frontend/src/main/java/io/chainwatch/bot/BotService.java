package io.chainwatch.bot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.bot.chain.AddressNames;
import io.chainwatch.bot.chain.ChainCoverage;
import io.chainwatch.bot.chain.EnsLookup;
import io.chainwatch.bot.chain.GasOracle;
import io.chainwatch.bot.chain.IngestCursors;
import io.chainwatch.bot.chain.NodeRpc;
import io.chainwatch.bot.chain.TrackTexts;
import io.chainwatch.bot.command.CommandHandler;
import io.chainwatch.bot.command.CommandRateLimiter;
import io.chainwatch.bot.store.BotErrors;
import io.chainwatch.bot.store.ChatEventsConsumer;
import io.chainwatch.bot.store.Database;
import io.chainwatch.bot.store.OutboxRelay;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.bot.telegram.TelegramFrontEnd;
import io.chainwatch.bot.telegram.WebhookOutcome;
import io.chainwatch.bot.telegram.WebhookReceiver;
import io.chainwatch.bot.track.TrackedStore;
import io.chainwatch.bot.track.Tracker;
import io.chainwatch.bot.track.Tracking;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.Watchers;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The bot front end: Telegram long polling or a webhook ({@link #webhook(String, String)}) and command handling, Postgres with its migrations, the outbox relay to
 * {@code chainwatch.subscriptions}, the consumer of {@code chainwatch.chat-events} and the {@link Tracker} that tells each
 * {@code /track}ed transaction's story. Without a bot token it only
 * logs that it waits for one. Plain Java; {@link #start()} returns once the threads run, {@link #close()} stops them
 * within a few seconds each.
 */
public final class BotService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotService.class);

    private final BotSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private Database database;
    private Producer<String, Watchers> producer;
    private OutboxRelay relay;
    private ChatEventsConsumer chatEvents;
    private TelegramFrontEnd telegram;
    private CommandHandler handler;
    private IngestCursors cursors;
    private WebhookReceiver webhook;
    private Tracker tracker;
    /** Runs the ENS lookups of the names replies show; virtual threads, as they mostly wait on the nodes. */
    private ExecutorService names;
    private volatile State state = State.NEW;

    /** Lifecycle of the service, shown by the health endpoint. */
    public enum State {
        NEW, WAITING_FOR_TOKEN, RUNNING, CLOSED
    }

    /**
     * What the health endpoint shows.
     *
     * @param state lifecycle
     * @param database whether Postgres is reachable (no outage known to the
     *            {@link io.chainwatch.bot.store.DatabaseGate}) and the outbox relay reached it recently (true while
     *            waiting for a token)
     * @param telegramReceiving whether updates arrive (long polling runs, or Telegram accepted the webhook)
     * @param telegramMode {@code long-polling} or {@code webhook}
     * @param outboxPublished outbox rows published since start
     */
    public record Health(State state, boolean database, boolean telegramReceiving, String telegramMode,
            long outboxPublished) {
        public boolean isHealthy() {
            return state == State.WAITING_FOR_TOKEN || (state == State.RUNNING && database && telegramReceiving);
        }
    }

    public BotService(BotSettings settings, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    public synchronized void start() {
        if (settings.token().isEmpty()) {
            LOG.info("{} is not set: the bot front end waits for a token and does nothing else", BotSettings.TOKEN);
            state = State.WAITING_FOR_TOKEN;
            return;
        }
        LOG.info("Starting bot front end: {}", settings);
        database = new Database(settings.db(), clock);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            LOG.warn("Postgres is not ready ({}); migrations will be retried: {}", BotErrors.classify(e), BotErrors
                    .describe(e));
        }
        producer = new KafkaProducer<>(settings.kafka().producer("chainwatch-bot-outbox"), new StringSerializer(),
                Topics.SUBSCRIPTIONS.valueSerde().serializer());
        relay = new OutboxRelay(database, producer, settings.outboxBatchSize(), settings.outboxPollInterval(), clock);
        WatchStore store = new WatchStore(database.jdbi(), clock, relay::wakeUp);
        telegram = new TelegramFrontEnd(settings.token().get(), settings.apiUrl(), clock);
        cursors = new IngestCursors(settings.kafka());
        NodeRpc rpc = new NodeRpc(settings.chains(), settings.rpcTimeout());
        TrackedStore tracked = new TrackedStore(database.jdbi());
        Tracker.Pace pace = Tracker.Pace.of(settings.trackPatience());
        Tracker.Story story = TrackTexts.story(settings.chains(), settings.trackPatience());
        names = Executors.newVirtualThreadPerTaskExecutor();
        handler = new CommandHandler(settings.chains(), settings.maxWatchesPerChat(), settings.adminIds(), database,
                store, telegram, meters, new GasOracle(rpc, clock), new ChainCoverage(settings.chains(), cursors, rpc,
                        clock),
                clock, new CommandRateLimiter(settings.commandsBurst(), settings.commandsPerMinute(), clock),
                new Tracking(tracked, rpc, story, pace), new EnsLookup(rpc, settings.ensRegistries()),
                new AddressNames(rpc, settings.ensRegistries(), settings.addressBook(), names, settings.ensCacheTtl(),
                        settings.nameWait(), clock::millis));
        relay.start();
        chatEvents = new ChatEventsConsumer(settings.kafka(), database, store);
        chatEvents.start();
        cursors.start();
        webhook = settings.webhook().map(w -> new WebhookReceiver(w.secret(), database, telegram::dispatch, clock))
                .orElse(null);
        telegram.start(handler, store, settings.webhook().map(BotSettings.Webhook::url), settings.webhook().map(
                BotSettings.Webhook::secret).orElse(null));
        tracker = new Tracker(tracked, rpc, story, telegram.trackerMessages(),
                (chat, watch) -> store.removeById(chat, watch), pace, clock, meters)
                .start();
        meters.gauge("chainwatch.bot.outbox.published", relay, r -> r.publishedCount());
        state = State.RUNNING;
    }

    public Health health() {
        String mode = settings.webhook().isPresent() ? "webhook" : "long-polling";
        if (state != State.RUNNING) {
            return new Health(state, state == State.WAITING_FOR_TOKEN, false, mode, 0);
        }
        Duration sinceSuccess = Duration.between(relay.lastSuccess(), Instant.now(clock));
        boolean dbUp = database.gate().isOpen() && sinceSuccess.compareTo(settings.outboxPollInterval().multipliedBy(20)
                .plusSeconds(30)) < 0;
        return new Health(state, dbUp, telegram.isReceiving(), mode, relay.publishedCount());
    }

    /**
     * One webhook request: {@code secretHeader} is the {@code X-Telegram-Bot-Api-Secret-Token} header (null when
     * absent), {@code body} the raw JSON update. Thread-safe; returns once the update is claimed and queued.
     */
    public WebhookOutcome webhook(String secretHeader, String body) {
        WebhookReceiver receiver = webhook;
        if (state != State.RUNNING || receiver == null) {
            return new WebhookOutcome.NotEnabled();
        }
        return receiver.receive(secretHeader, body);
    }

    public boolean isHealthy() {
        return health().isHealthy();
    }

    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeQuietly(tracker); // first: its looks in flight still edit through the front end
        closeQuietly(telegram);
        closeQuietly(cursors);
        closeQuietly(chatEvents);
        closeQuietly(relay);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        closeQuietly(database);
        if (names != null) {
            names.shutdownNow();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", closeable.getClass().getSimpleName(), BotErrors.describe(e));
        }
    }
}
