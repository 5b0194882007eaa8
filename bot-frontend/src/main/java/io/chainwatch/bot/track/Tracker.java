package io.chainwatch.bot.track;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.bot.track.TrackPolicy.Observation;
import io.chainwatch.bot.track.TrackPolicy.Patience;
import io.chainwatch.bot.track.TrackPolicy.Seen;
import io.chainwatch.bot.track.TrackPolicy.Unseen;
import io.chainwatch.bot.track.Tracked.Sender;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Follows every tracked transaction to the end of its story, in the one message that answered {@code /track}: a loop
 * claims the rows that are due ({@link TrackedStore#claim}), looks each up on its chain's nodes, lets
 * {@link TrackPolicy} say what that means, and edits the message when its text changes. A pending transaction is
 * looked at every second, so its block is told about within about a second of being mined; a mined one every few
 * seconds until its block is final. When a story ends the watch is removed, which also ends the row.
 * <p>
 * The message is edited, never sent again: only where Telegram will not edit it (deleted, too old) does a new message
 * take its place, and it names the hash. Everything the loop knows is in Postgres, so a restart resumes where it was;
 * an edit repeated after a crash changes nothing. Thread-safe: one loop thread, the looks on virtual threads.
 */
public final class Tracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);

    /** How far back a replacement of a transaction that left the pool is searched for. */
    static final int REPLACEMENT_SEARCH_BLOCKS = 64;
    /**
     * A row's lease while it is looked at: longer than a look with its RPC deadlines and a paced edit, short enough
     * that a row claimed by an instance that died is looked at again soon.
     */
    static final Duration LEASE = Duration.ofSeconds(20);
    /** How long the answer to {@code /track} may take to be sent before the tracker sends a message of its own. */
    static final Duration ANSWER_GRACE = Duration.ofSeconds(30);
    private static final int CLAIM_BATCH = 64;
    private static final int CONCURRENT_LOOKS = 16;

    /** The nodes of a chain, for one look (one deadline). */
    @FunctionalInterface
    public interface Nodes {
        ChainRpc ask(String chain);

        /** Whether the bot still follows {@code chain}: a story on a chain taken out of the configuration stops. */
        default boolean follows(String chain) {
            return true;
        }
    }

    /** The text of a tracked transaction's message: {@code latest} is what the nodes showed, where they did. */
    @FunctionalInterface
    public interface Story {
        String tell(Tracked tracked, Optional<TxStatus> latest);

        /** The last text of a story on a chain the bot no longer follows: what it showed, and why it stops there. */
        default String stopped(Tracked tracked, String shown) {
            return (shown == null ? "" : shown + "\n\n") + "⏹ This bot no longer follows " + tracked.chain()
                    + ", so this story stops here.";
        }
    }

    /** The chat's messages, paced as Telegram requires. */
    public interface Messages {

        /** How an edit went. */
        enum Edit {
            EDITED,
            /** Telegram will not edit that message (deleted, too old): send a new one. */
            NOT_EDITABLE,
            /** Not now (network, rate limit, chat gone): try again later. */
            FAILED
        }

        Edit edit(long chatId, long messageId, String html);

        /** The new message's id; empty if it could not be sent now. */
        OptionalLong send(long chatId, String html);
    }

    /** What ends a watch (its row goes with it): the store's removal, which also tells the matcher. */
    @FunctionalInterface
    public interface WatchEnder {
        void end(long chatId, long watchId);
    }

    /**
     * How often each phase is looked at, and how long the bot waits.
     *
     * @param tick how often the loop looks for due rows
     */
    public record Pace(Duration tick, Duration pending, Duration mined, Duration looking, Duration retry,
            Patience patience) {

        /**
         * A pending transaction every second (its block is told within about a second), a mined one every four
         * (confirmations move on without an edit per block, which Telegram's one message a second per chat would not
         * allow on a fast chain), anything else every three; after a failed look five.
         */
        public static Pace of(Patience patience) {
            return new Pace(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(
                    3), Duration.ofSeconds(5), patience);
        }

        /** When a row in {@code phase} is next looked at after a look at {@code now}. */
        Instant next(TrackPhase phase, Instant now) {
            return now.plus(switch (phase) {
                case PENDING -> pending;
                case MINED -> mined;
                default -> looking;
            });
        }
    }

    private final TrackedStore store;
    private final Nodes nodes;
    private final Story story;
    private final Messages messages;
    private final WatchEnder ender;
    private final Pace pace;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Semaphore looks = new Semaphore(CONCURRENT_LOOKS);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private Thread loop;

    /**
     * @param meters {@code chainwatch_bot_tracker_looks_total{outcome}} (changed, unchanged, ended, failed: the nodes
     *        did not answer, unshown: Telegram did not take the edit yet) and {@code chainwatch_bot_tracked_stories}
     */
    public Tracker(TrackedStore store, Nodes nodes, Story story, Messages messages, WatchEnder ender, Pace pace,
            Clock clock, MeterRegistry meters) {
        this.store = store;
        this.nodes = nodes;
        this.story = story;
        this.messages = messages;
        this.ender = ender;
        this.pace = pace;
        this.clock = clock;
        this.meters = meters;
    }

    public synchronized Tracker start() {
        if (running.compareAndSet(false, true)) {
            meters.gauge("chainwatch.bot.tracked.stories", store, s -> {
                try {
                    return s.count();
                } catch (RuntimeException e) {
                    return Double.NaN; // Postgres down: unknown, not zero
                }
            });
            loop = Thread.ofPlatform().name("chainwatch-bot-tracker").daemon().start(this::run);
        }
        return this;
    }

    private void run() {
        while (running.get()) {
            try {
                List<TrackedStore.Row> due = store.claim(clock.instant(), CLAIM_BATCH, LEASE);
                for (TrackedStore.Row row : due) {
                    if (!running.get()) {
                        // closing: what was claimed and not looked at is due again at once, for the next instance
                        save(row.tracked(), row.shown(), clock.instant());
                        continue;
                    }
                    looks.acquire();
                    executor.execute(() -> {
                        try {
                            look(row);
                        } finally {
                            looks.release();
                        }
                    });
                }
                if (due.size() < CLAIM_BATCH) {
                    Thread.sleep(pace.tick());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Postgres down: the rows stay where they are; the next tick tries again
                LOG.debug("Tracked transactions not claimed: {}", e.toString());
                sleepQuietly(pace.retry());
            }
        }
    }

    /** One look at one row; never throws, so one bad row cannot stop the others. */
    void look(TrackedStore.Row row) {
        Tracked before = row.tracked();
        Instant now = clock.instant();
        if (!nodes.follows(before.chain())) {
            stop(row, now);
            return;
        }
        try {
            ChainRpc rpc = nodes.ask(before.chain());
            Optional<TxStatus> latest;
            Observation observed;
            TxStatus status = TxLookup.lookup(rpc, before.current());
            if (status instanceof TxStatus.Unknown) {
                Unseen unseen = unseen(rpc, before);
                observed = unseen;
                latest = unseen.replacement().map(TxStatus.class::cast);
            } else {
                observed = new Seen(status);
                latest = Optional.of(status);
            }
            Tracked after = TrackPolicy.next(before, observed, now, pace.patience());
            tell(row, after, latest, now);
        } catch (IOException e) {
            LOG.debug("Look at {} on {} failed: {}", before.current(), before.chain(), e.getMessage());
            counted("failed");
            save(row.tracked(), row.shown(), now.plus(pace.retry()));
        } catch (RuntimeException e) {
            LOG.warn("Look at tracked transaction {} on {} failed: {}", before.current(), before.chain(), e.toString());
            counted("failed");
            save(row.tracked(), row.shown(), now.plus(pace.retry()));
        }
    }

    /** Shows {@code after} in the chat's message where its text changed, and ends the watch when the story ends. */
    private void tell(TrackedStore.Row row, Tracked after, Optional<TxStatus> latest, Instant now) {
        if (row.adopted() && (after.phase() == TrackPhase.MINED || after.phase() == TrackPhase.FINAL)) {
            // the matcher followed it before this version: it told the chat, or the block predates the watch
            ender.end(after.chatId(), after.watchId());
            counted("ended");
            return;
        }
        String text = story.tell(after, latest);
        if (text.equals(row.shown())) {
            counted(after.phase().ended() ? "ended" : "unchanged");
            finish(after, text, now);
            return;
        }
        Optional<Tracked> shown = show(after, text, now);
        if (shown.isEmpty()) {
            // not shown yet: keep the old text, so the change is seen again at the next look
            counted("unshown");
            save(after, row.shown(), now.plus(pace.retry()));
            return;
        }
        counted(after.phase().ended() ? "ended" : "changed");
        finish(shown.get(), text, now);
    }

    /** Ends a story on a chain the bot no longer follows, saying so where its message can still be edited. */
    private void stop(TrackedStore.Row row, Instant now) {
        Tracked tracked = row.tracked();
        try {
            if (row.adopted() || show(tracked, story.stopped(tracked, row.shown()), now).isPresent()) {
                LOG.info("Tracked transaction {} on {}: the chain is no longer configured; its story stops",
                        tracked.hash(), tracked.chain());
                ender.end(tracked.chatId(), tracked.watchId());
                counted("ended");
                return;
            }
            counted("unshown");
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the story of {} on {}: {}", tracked.hash(), tracked.chain(), e.toString());
            counted("failed");
        }
        save(tracked, row.shown(), now.plus(pace.retry()));
    }

    private void finish(Tracked tracked, String shown, Instant now) {
        if (tracked.phase().ended()) {
            ender.end(tracked.chatId(), tracked.watchId());
        } else {
            save(tracked, shown, pace.next(tracked.phase(), now));
        }
    }

    /** Puts {@code text} in the story's message; the row as it is then (a new message id), empty if not done. */
    private Optional<Tracked> show(Tracked tracked, String text, Instant now) {
        if (tracked.messageId().isPresent()) {
            Messages.Edit edit = messages.edit(tracked.chatId(), tracked.messageId().getAsLong(), text);
            if (edit == Messages.Edit.EDITED) {
                return Optional.of(tracked);
            }
            if (edit == Messages.Edit.FAILED) {
                return Optional.empty();
            }
            LOG.info("Message {} of chat {} cannot be edited any more; the story of {} goes on in a new one", tracked
                    .messageId().getAsLong(), tracked.chatId(), tracked.hash());
        } else if (now.isBefore(tracked.since().plus(ANSWER_GRACE))) {
            return Optional.empty(); // the answer to /track may still be on its way
        }
        OptionalLong sent = messages.send(tracked.chatId(), text);
        return sent.isPresent() ? Optional.of(tracked.withMessageId(sent.getAsLong())) : Optional.empty();
    }

    private void counted(String outcome) {
        meters.counter("chainwatch.bot.tracker.looks", "outcome", outcome).increment();
    }

    private void save(Tracked tracked, String shown, Instant next) {
        try {
            store.update(tracked, shown, next);
        } catch (RuntimeException e) {
            LOG.warn("Could not save tracked transaction {}: {}", tracked.hash(), e.toString());
        }
    }

    /** What it means that no node shows the transaction: is its nonce used, and by which transaction? */
    private Unseen unseen(ChainRpc rpc, Tracked tracked) throws IOException {
        if (tracked.sender().isEmpty()) {
            return Unseen.NOWHERE;
        }
        Sender sender = tracked.sender().get();
        long used = TxLookup.quantity(rpc.call("eth_getTransactionCount", sender.address(), "latest"))
                .longValueExact();
        if (used <= sender.nonce()) {
            return Unseen.NOWHERE;
        }
        return new Unseen(true, replacement(tracked.chain(), sender));
    }

    /**
     * The mined transaction of {@code sender} with its nonce, searched for from the head back, each block with a
     * deadline of its own (a full block is a large answer).
     */
    private Optional<TxStatus.Mined> replacement(String chain, Sender sender) throws IOException {
        long head = TxLookup.quantity(nodes.ask(chain).call("eth_blockNumber")).longValueExact();
        for (long n = head; n >= 0 && n > head - REPLACEMENT_SEARCH_BLOCKS; n--) {
            ChainRpc rpc = nodes.ask(chain);
            JsonNode block = rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(n), true);
            for (JsonNode tx : block.path("transactions")) {
                if (sender.address().equals(tx.path("from").asText("").toLowerCase(Locale.ROOT)) && TxLookup.quantity(
                        tx.path("nonce")).longValueExact() == sender.nonce()) {
                    TxStatus found = TxLookup.lookup(rpc, tx.path("hash").asText());
                    return found instanceof TxStatus.Mined mined ? Optional.of(mined) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming; the looks in flight finish (they end with an RPC deadline), so no row stays leased. */
    @Override
    public synchronized void close() {
        running.set(false);
        if (loop != null) {
            try {
                loop.join(pace.tick().plusSeconds(5));
                if (loop.isAlive()) {
                    loop.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
