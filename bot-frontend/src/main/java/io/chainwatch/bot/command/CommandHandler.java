package io.chainwatch.bot.command;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.bot.chain.AddressNames;
import io.chainwatch.bot.chain.ChainCoverage;
import io.chainwatch.bot.chain.ChainTexts;
import io.chainwatch.bot.chain.CoverageSource;
import io.chainwatch.bot.chain.EnsLookup;
import io.chainwatch.bot.chain.GasOracle;
import io.chainwatch.bot.chain.NativeAmount;
import io.chainwatch.bot.chain.NodeRpc;
import io.chainwatch.bot.chain.TrackTexts;
import io.chainwatch.bot.store.BotErrors;
import io.chainwatch.bot.store.ChatPreferences;
import io.chainwatch.bot.store.Database;
import io.chainwatch.bot.store.StoreOutcome;
import io.chainwatch.bot.store.WatchKey;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.bot.track.TrackPolicy;
import io.chainwatch.bot.track.TrackedStore;
import io.chainwatch.bot.track.Tracker;
import io.chainwatch.bot.track.Tracking;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.ens.Resolution;
import io.chainwatch.schema.ChainPreset;
import io.chainwatch.schema.WatchTarget;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Answers one message or button press: parses it, checks who may do it, changes the store and says what happened. No
 * exception escapes: Postgres being down becomes {@link Replies#UNAVAILABLE}, anything else a polite error. Returns
 * the reply instead of sending it, so it is tested without Telegram. Thread-safe.
 */
public final class CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final CommandParser parser;
    private final Replies replies;
    private final SettingsTexts settingsTexts;
    private final WatchStore store;
    private final Database database;
    private final ListView listView;
    private final GroupAdmins groupAdmins;
    private final int maxWatchesPerChat;
    private final Set<Long> operatorIds;
    private final MeterRegistry meters;
    private final GasOracle gas;
    private final ChainCoverage coverage;
    private final Clock clock;
    private final CommandRateLimiter limiter;
    private final Tracking tracking;
    private final EnsLookup ens;

    /**
     * A handler whose {@code /gas} and {@code /status} ask no node and know no cursor, and which limits no chat's
     * rate (tests of the rest).
     */
    CommandHandler(List<ChainConfig> chains, int maxWatchesPerChat, Set<Long> operatorIds, Database database,
            WatchStore store, GroupAdmins groupAdmins, MeterRegistry meters) {
        this(chains, maxWatchesPerChat, operatorIds, database, store, groupAdmins, meters, new GasOracle(NodeRpc
                .offline(), Clock.systemUTC()), new ChainCoverage(chains, CoverageSource.NONE, NodeRpc.offline(),
                        Clock.systemUTC()),
                Clock.systemUTC(), CommandRateLimiter.unlimited(), new Tracking(
                        new TrackedStore(database.jdbi()), NodeRpc.offline()::ask,
                        TrackTexts.story(chains, TrackPolicy.Patience.DEFAULT), Tracker.Pace.of(
                                TrackPolicy.Patience.DEFAULT)));
    }

    /** A handler that resolves no ENS name (every chain answers that it has no registry). */
    public CommandHandler(List<ChainConfig> chains, int maxWatchesPerChat, Set<Long> operatorIds, Database database,
            WatchStore store, GroupAdmins groupAdmins, MeterRegistry meters, GasOracle gas, ChainCoverage coverage,
            Clock clock, CommandRateLimiter limiter, Tracking tracking) {
        this(chains, maxWatchesPerChat, operatorIds, database, store, groupAdmins, meters, gas, coverage, clock,
                limiter, tracking, EnsLookup.none(), AddressNames.none());
    }

    /**
     * @param ens resolves the names of {@code /watch <chain> <name>} on the chain's nodes
     * @param names the address-book and ENS names {@code /list} shows next to watched addresses
     */
    public CommandHandler(List<ChainConfig> chains, int maxWatchesPerChat, Set<Long> operatorIds, Database database,
            WatchStore store, GroupAdmins groupAdmins, MeterRegistry meters, GasOracle gas, ChainCoverage coverage,
            Clock clock, CommandRateLimiter limiter, Tracking tracking, EnsLookup ens, AddressNames names) {
        this.ens = ens;
        this.limiter = limiter;
        this.tracking = tracking;
        this.gas = gas;
        this.coverage = coverage;
        this.clock = clock;
        this.replies = new Replies(chains);
        this.settingsTexts = new SettingsTexts(chains, replies);
        this.parser = new CommandParser(chains, replies);
        this.store = store;
        this.database = database;
        this.listView = new ListView(store, names);
        this.groupAdmins = groupAdmins;
        this.maxWatchesPerChat = maxWatchesPerChat;
        this.operatorIds = Set.copyOf(operatorIds);
        this.meters = meters;
    }

    public Response handle(Incoming in, String botUsername) {
        Command command;
        try {
            command = parser.parse(in.text(), botUsername);
        } catch (RuntimeException e) { // a parser bug must not silence the bot
            LOG.error("Parser failed for chat {}: {}", in.chatId(), BotErrors.describe(e));
            return count("parse", new Response.Reply(Replies.INTERNAL_ERROR));
        }
        String name = command.getClass().getSimpleName();
        if (answers(command, in)) {
            Optional<Response> refusal = throttle(in, new Response.Reply(Replies.SLOW_DOWN));
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        try {
            return count(name, execute(command, in));
        } catch (RuntimeException e) {
            return count(name, failure(e, in.chatId(), name));
        }
    }

    /**
     * A button press, its data parsed into the same commands as typed text ({@link CommandParser#parseButton}). Only
     * the list's buttons exist; anything else gets the help.
     */
    public Response handleCallback(Incoming in, String data) {
        Optional<Response> refusal = throttle(in, new Response.Notice(Replies.SLOW_DOWN));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        try {
            Command command = parser.parseButton(data);
            if (!(command instanceof Command.ListWatches || command instanceof Command.RemoveWatch)) {
                return new Response.Reply(replies.help(), List.of(), "Unknown button");
            }
            if (command.mutates() && in.isGroup() && !mayChange(in)) {
                return new Response.Reply(Replies.ADMINS_ONLY, List.of(), "Only admins can do that");
            }
            return run(command, in);
        } catch (RuntimeException e) {
            Response.Reply reply = (Response.Reply) failure(e, in.chatId(), "callback");
            return new Response.Reply(reply.html(), List.of(), "Please try again later");
        }
    }

    /** Whether the bot would answer: chatter in a group and commands for other bots cost the chat nothing. */
    private static boolean answers(Command command, Incoming in) {
        return !(command instanceof Command.NotForMe) && !(command instanceof Command.PlainText && in.isGroup());
    }

    /**
     * Empty when the chat may go on; otherwise what it gets instead: {@code notice} the first time it is refused,
     * nothing after that, so a flooding chat cannot make the bot flood Telegram.
     */
    private Optional<Response> throttle(Incoming in, Response notice) {
        Response refusal = switch (limiter.acquire(in.chatId())) {
            case CommandRateLimiter.Decision.Allow a -> null;
            case CommandRateLimiter.Decision.Warn w -> {
                LOG.info("Chat {} sends commands too fast: told once to slow down, next command allowed in {} ms;"
                        + " until it slows down its commands are ignored", in.chatId(), w.retryAfter().toMillis());
                yield notice;
            }
            case CommandRateLimiter.Decision.Drop d -> new Response.Ignore();
        };
        if (refusal != null) {
            meters.counter("chainwatch.bot.commands.throttled", "told", Boolean.toString(refusal == notice))
                    .increment();
        }
        return Optional.ofNullable(refusal);
    }

    private Response execute(Command command, Incoming in) {
        if (command.mutates() && in.isGroup() && !mayChange(in)) {
            return new Response.Reply(Replies.ADMINS_ONLY);
        }
        return run(command, in);
    }

    /** Does what the command asks, whoever asked. */
    private Response run(Command command, Incoming in) {
        return switch (command) {
            case Command.Start s -> new Response.Reply(replies.start());
            case Command.Help h -> new Response.Reply(replies.help());
            case Command.Watch w -> add(in, new WatchKey(w.chain().name(), WatchTarget.ADDRESS, w.address()), w
                    .label(), w.chain());
            case Command.WatchName w -> watchName(in, w);
            case Command.Track t -> track(in, t);
            case Command.Unwatch u -> remove(in, new WatchKey(u.chain().name(), WatchTarget.ADDRESS, u.address()), u
                    .chain());
            case Command.Untrack u -> remove(in, new WatchKey(u.chain().name(), WatchTarget.TX, u.txHash()), u
                    .chain());
            case Command.ListWatches l -> listView.page(in.chatId(), l.page());
            case Command.RemoveWatch r -> {
                StoreOutcome outcome = store.removeById(in.chatId(), r.watchId());
                yield withToast(listView.page(in.chatId(), r.page()), outcome instanceof StoreOutcome.Removed
                        ? "Removed"
                        : "Already removed");
            }
            case Command.ShowSettings s -> {
                yield new Response.Reply(settingsTexts.overview(store.settings(in.chatId()), store.count(in
                        .chatId()), maxWatchesPerChat));
            }
            case Command.SetMinimum m -> {
                Map<String, WatchStore.Minimum> byChain = new HashMap<>(); // each in its own coin's smallest unit
                for (ChainConfig chain : m.chains()) {
                    byChain.put(chain.name(), m.coins() == null
                            ? WatchStore.Minimum.NONE
                            : new WatchStore.Minimum(NativeAmount.toWei(m.coins(), chain.preset().nativeDecimals()),
                                    null));
                }
                int updated = store.setMinimum(in.chatId(), in.chatType(), byChain);
                yield new Response.Reply(settingsTexts.minimumSet(m.chains(), m.coins(), updated));
            }
            case Command.SetMinimumUsd m -> {
                Map<String, WatchStore.Minimum> byChain = new HashMap<>();
                m.chains().forEach(chain -> byChain.put(chain.name(), new WatchStore.Minimum(null, m.usd())));
                int updated = store.setMinimum(in.chatId(), in.chatType(), byChain);
                yield new Response.Reply(settingsTexts.minimumUsdSet(m.chains(), m.usd(), updated));
            }
            case Command.SetKinds k -> preferences(in, p -> p.withKinds(k.changes()), after -> settingsTexts
                    .kindsSet(after.after(), after.watchesUpdated()));
            case Command.SetQuietHours q ->
                preferences(in, p -> p.withQuietHours(q.quietHours()), after -> settingsTexts
                        .quietSet(q.quietHours(), clock.instant(), after.watchesUpdated()));
            case Command.SetHideSpam h -> preferences(in, p -> p.withHideSpam(h.hide()), after -> settingsTexts
                    .spamSet(h.hide(), after.watchesUpdated()));
            case Command.SetConfirmations c -> {
                int changed = store.setConfirmations(in.chatId(), in.chatType(), c.chains().stream().map(
                        ChainConfig::name).toList(), c.confirmations());
                yield new Response.Reply(replies.confirmationsSet(c.chains(), c.confirmations(), changed));
            }
            case Command.Status s -> status(in);
            case Command.Gas g -> new Response.Reply(gas.quote(g.chain().name()).map(q -> ChainTexts.gas(g.chain(), q))
                    .orElseGet(() -> ChainTexts.nodesUnreachable(g.chain())));
            case Command.Stats s -> stats(in);
            case Command.Invalid i -> new Response.Reply(i.replyHtml());
            case Command.Unknown u -> new Response.Reply(replies.unknownCommand(u.name()));
            case Command.PlainText p -> in.isGroup()
                    ? new Response.Ignore()
                    : new Response.Reply(
                            Replies.NOT_A_COMMAND);
            case Command.NotForMe n -> new Response.Ignore();
        };
    }

    private Response add(Incoming in, WatchKey key, String label, ChainConfig chain) {
        return answer(store.add(in.chatId(), in.chatType(), key, label, maxWatchesPerChat), key, label, chain);
    }

    /**
     * Resolves the name on the chain's nodes now and watches the address it stands for, saying which; a chain without
     * ENS, a name without an address or nodes that do not answer change nothing.
     */
    private Response watchName(Incoming in, Command.WatchName w) {
        ChainPreset chain = w.chain().preset();
        Optional<Resolution> resolution = ens.resolve(chain.name(), w.name());
        if (resolution.isEmpty()) {
            return new Response.Reply(replies.noEns(chain));
        }
        return switch (resolution.get()) {
            case Resolution.Resolved r -> {
                WatchKey key = new WatchKey(chain.name(), WatchTarget.ADDRESS, r.address());
                Response.Reply added = (Response.Reply) add(in, key, w.label(), w.chain());
                yield new Response.Reply(replies.resolved(chain, r.name(), r.address()) + "\n" + added.html());
            }
            case Resolution.Unregistered u -> new Response.Reply(replies.nameUnregistered(chain, u.name()));
            case Resolution.InvalidName i -> new Response.Reply(replies.badName(w.name(), i.reason()));
            case Resolution.Failed f -> {
                LOG.info("ENS lookup of {} on {} for chat {} failed: {}", w.name(), chain.name(), in.chatId(), f
                        .cause());
                yield new Response.Reply(replies.nameLookupFailed(chain, w.name()));
            }
        };
    }

    /** What adding a watch did; a {@code /track} that added one answers with the transaction instead. */
    private Response answer(StoreOutcome outcome, WatchKey key, String label, ChainConfig chain) {
        return new Response.Reply(switch (outcome) {
            case StoreOutcome.Added a -> replies.watching(chain.preset(), key.value(), label);
            case StoreOutcome.AlreadyWatching a -> replies.alreadyWatching(chain.preset(), key.value(), a.watch()
                    .label());
            case StoreOutcome.LabelUpdated u -> replies.labelUpdated(chain.preset(), key.value(), label);
            case StoreOutcome.LimitReached l -> replies.limitReached(l.max());
            case StoreOutcome.Removed r -> throw new IllegalStateException("add cannot remove");
            case StoreOutcome.NotWatching n -> throw new IllegalStateException("add cannot miss");
        });
    }

    /**
     * Adds the watch, then looks the transaction up at once: the answer says how it stands, and the tracker edits it
     * as the story goes on. A transaction already final is answered and not kept.
     */
    private Response track(Incoming in, Command.Track t) {
        WatchKey key = new WatchKey(t.chain().name(), WatchTarget.TX, t.txHash());
        StoreOutcome outcome = store.add(in.chatId(), in.chatType(), key, t.label(), maxWatchesPerChat);
        if (!(outcome instanceof StoreOutcome.Added added)) {
            return answer(outcome, key, t.label(), t.chain());
        }
        long watchId = added.watch().id();
        Tracking.Answer answer = tracking.first(watchId, in.chatId(), t.chain().name(), t.txHash(), clock.instant());
        if (!answer.kept()) {
            store.removeById(in.chatId(), watchId);
            return new Response.Reply(answer.text());
        }
        return new Response.Tracking(answer.text(), messageId -> tracking.answered(watchId, messageId));
    }

    private Response remove(Incoming in, WatchKey key, ChainConfig chain) {
        StoreOutcome outcome = store.remove(in.chatId(), key);
        return new Response.Reply(outcome instanceof StoreOutcome.Removed r
                ? replies.removed(chain.preset(), key.value(), r.watch().label())
                : replies.notWatching(chain.preset(), key.value()));
    }

    /**
     * Changes the chat's preferences and says what they are now; a change that would silence the chat is refused. A
     * setting that already was so is confirmed like a change (0 watches updated).
     */
    private Response preferences(Incoming in, UnaryOperator<ChatPreferences> change,
            Function<WatchStore.PreferencesChange.Changed, String> done) {
        return new Response.Reply(switch (store.updatePreferences(in.chatId(), in.chatType(), change)) {
            case WatchStore.PreferencesChange.Changed c -> done.apply(c);
            case WatchStore.PreferencesChange.Unchanged u -> done.apply(new WatchStore.PreferencesChange.Changed(u
                    .current(), u.current(), 0));
            case WatchStore.PreferencesChange.WouldSilence w -> settingsTexts.wouldSilence(w.current());
        });
    }

    /** Coverage comes from Kafka and the nodes, so it is shown even while Postgres is down. */
    private Response status(Incoming in) {
        Map<String, Integer> own;
        int watches;
        try {
            own = store.chatConfirmations(in.chatId());
            watches = store.count(in.chatId());
        } catch (RuntimeException e) {
            if (BotErrors.classify(e) != BotErrors.Kind.RETRIABLE) {
                throw e;
            }
            logUnavailable("/status", in.chatId(), e);
            return new Response.Reply(Replies.UNAVAILABLE + "\n\n" + ChainTexts.coverage(coverage.now(Map.of()),
                    clock.instant()));
        }
        return new Response.Reply(replies.status(watches, maxWatchesPerChat, ChainTexts.coverage(coverage.now(own),
                clock.instant())));
    }

    private Response stats(Incoming in) {
        if (!operatorIds.contains(in.userId()) || in.isGroup()) { // in a group the figures would reach every member
            return new Response.Reply(replies.unknownCommand("stats"));
        }
        WatchStore.StoreStats stats = store.stats();
        return new Response.Reply("📊 Active chats: " + stats.activeChats() + "\nWatches: " + stats.watches()
                + "\nOutbox rows waiting: " + stats.outboxPending());
    }

    private boolean mayChange(Incoming in) {
        if (in.senderIsChat()) {
            return true; // an anonymous admin writes as the group itself
        }
        try {
            return groupAdmins.isAdmin(in.chatId(), in.userId());
        } catch (RuntimeException e) {
            LOG.warn("Cannot check whether user {} is an admin of chat {}: {}", in.userId(), in.chatId(), BotErrors
                    .describe(e));
            return false;
        }
    }

    private Response failure(RuntimeException e, long chatId, String what) {
        BotErrors.Kind kind = BotErrors.classify(e);
        if (kind == BotErrors.Kind.RETRIABLE) {
            logUnavailable(what, chatId, e);
            return new Response.Reply(Replies.UNAVAILABLE);
        }
        LOG.error("Failed to handle {} for chat {} ({}): {}", what, chatId, kind, BotErrors.describe(e), e);
        return new Response.Reply(Replies.INTERNAL_ERROR);
    }

    /** Once the gate knows of the outage it has said so; each refused command is then no news. */
    private void logUnavailable(String what, long chatId, RuntimeException e) {
        if (database.gate().isOpen()) {
            LOG.warn("Database unavailable while handling {} for chat {}: {}", what, chatId, BotErrors.describe(e));
        } else {
            LOG.debug("Database down; {} of chat {} refused: {}", what, chatId, BotErrors.describe(e));
        }
    }

    private Response count(String command, Response response) {
        meters.counter("chainwatch.bot.commands", "command", command, "outcome", response instanceof Response.Reply r
                && (r.html().equals(Replies.UNAVAILABLE) || r.html().equals(Replies.INTERNAL_ERROR))
                        ? "error"
                        : "ok")
                .increment();
        return response;
    }

    private static Response withToast(Response.Reply reply, String toast) {
        return new Response.Reply(reply.html(), reply.keyboard(), toast);
    }

}
