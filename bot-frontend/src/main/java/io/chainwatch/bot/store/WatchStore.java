package io.chainwatch.bot.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import io.chainwatch.schema.WatchTarget;
import io.chainwatch.telegram.QuietHours;

/**
 * The chats' watches in Postgres. Every method is scoped by chat id - no chat can read or change another's - and every
 * change writes the affected subscription keys to the outbox in the same transaction, then wakes the
 * {@link OutboxRelay}. Thread-safe; each call is one transaction.
 */
public final class WatchStore {

    private static final String WATCH_COLUMNS = """
            id, chat_id, chain, target_type, value, label, confirmations, filters::text AS filters""";

    /** The columns of {@code chats} that make up its {@link ChatPreferences}. */
    static final String PREFERENCE_COLUMNS = """
            native_transfers, tokens, nfts, approvals, incoming, outgoing, hide_spam, quiet_hours""";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable outboxWakeUp;

    public WatchStore(Jdbi jdbi, Clock clock, Runnable outboxWakeUp) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.outboxWakeUp = outboxWakeUp;
    }

    /** Adds a watch, or updates its label when the chat already watches that key and gives a new label. */
    public StoreOutcome add(long chatId, String chatType, WatchKey key, String label, int maxPerChat) {
        StoreOutcome outcome = jdbi.inTransaction(h -> {
            touchChat(h, chatId, chatType); // also locks the chat's row: concurrent adds cannot pass the limit
            Optional<Watch> existing = h.createQuery("""
                    SELECT %s
                    FROM watches
                    WHERE chat_id = :chat AND chain = :chain AND target_type = :target
                        AND value = :value""".formatted(WATCH_COLUMNS)).bind("chat", chatId).bind("chain", key.chain())
                    .bind("target", key.target().name()).bind("value", key.value()).map(WatchStore::watch).findOne();
            if (existing.isPresent()) {
                Watch watch = existing.get();
                if (label == null || label.equals(watch.label())) {
                    return new StoreOutcome.AlreadyWatching(watch);
                }
                h.createUpdate("""
                        UPDATE watches
                        SET label = :label
                        WHERE id = :id AND chat_id = :chat""").bind("label", label).bind("id", watch.id())
                        .bind("chat", chatId).execute();
                enqueue(h, List.of(key));
                return new StoreOutcome.LabelUpdated(new Watch(watch.id(), chatId, key, label, watch.confirmations(),
                        watch.filtersJson()));
            }
            int count = count(h, chatId);
            if (count >= maxPerChat) {
                return new StoreOutcome.LimitReached(maxPerChat);
            }
            Integer confirmations = h.createQuery("""
                    SELECT confirmations
                    FROM chat_settings
                    WHERE chat_id = :chat AND chain = :chain AND confirmations IS NOT NULL""").bind("chat", chatId)
                    .bind("chain", key.chain()).mapTo(Integer.class).findOne().orElse(null);
            Watch watch = h.createQuery("""
                    INSERT INTO watches (chat_id, chain, target_type, value, label, confirmations, created_at)
                    VALUES (:chat, :chain, :target, :value, :label, :confirmations, :now)
                    RETURNING %s""".formatted(WATCH_COLUMNS)).bind("chat", chatId).bind("chain", key.chain())
                    .bind("target", key.target().name()).bind("value", key.value()).bind("label", label)
                    .bind("confirmations", confirmations).bind("now", now()).map(WatchStore::watch).one();
            enqueue(h, List.of(key));
            return new StoreOutcome.Added(watch);
        });
        wakeUpIfChanged(outcome);
        return outcome;
    }

    public StoreOutcome remove(long chatId, WatchKey key) {
        return removeOne(h -> h.createQuery("""
                DELETE FROM watches
                WHERE chat_id = :chat AND chain = :chain AND target_type = :target AND value = :value
                RETURNING %s""".formatted(WATCH_COLUMNS)).bind("chat", chatId).bind("chain", key.chain())
                .bind("target", key.target().name()).bind("value", key.value()).map(WatchStore::watch).findOne());
    }

    /** Removes the watch with this id if, and only if, it belongs to {@code chatId}. */
    public StoreOutcome removeById(long chatId, long watchId) {
        return removeOne(h -> h.createQuery("""
                DELETE FROM watches
                WHERE chat_id = :chat AND id = :id
                RETURNING %s""".formatted(WATCH_COLUMNS)).bind("chat", chatId).bind("id", watchId)
                .map(WatchStore::watch).findOne());
    }

    /** Runs {@code delete} (at most one watch) and publishes the removed watch's key in the same transaction. */
    private StoreOutcome removeOne(Function<Handle, Optional<Watch>> delete) {
        StoreOutcome outcome = jdbi.inTransaction(h -> {
            Optional<Watch> removed = delete.apply(h);
            removed.ifPresent(w -> enqueue(h, List.of(w.key())));
            return removed.<StoreOutcome>map(StoreOutcome.Removed::new).orElseGet(StoreOutcome.NotWatching::new);
        });
        wakeUpIfChanged(outcome);
        return outcome;
    }

    /** One page of the chat's watches, oldest first. */
    public List<Watch> list(long chatId, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT %s
                FROM watches
                WHERE chat_id = :chat
                ORDER BY id
                LIMIT :limit OFFSET :offset""".formatted(WATCH_COLUMNS)).bind("chat", chatId).bind("limit", limit)
                .bind("offset", offset).map(WatchStore::watch).list());
    }

    public int count(long chatId) {
        return jdbi.withHandle(h -> count(h, chatId));
    }

    /** The chat's own confirmation depths per chain (chains at their default are absent). */
    public Map<String, Integer> chatConfirmations(long chatId) {
        Map<String, Integer> result = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                SELECT chain, confirmations
                FROM chat_settings
                WHERE chat_id = :chat AND confirmations IS NOT NULL""").bind("chat", chatId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> result.put(e.getKey(), e.getValue())));
        return result;
    }

    /**
     * Sets the chat's depth for {@code chains} (null: back to the default) on its existing watches and on those it adds
     * later. Returns how many watches changed.
     */
    public int setConfirmations(long chatId, String chatType, Collection<String> chains, Integer confirmations) {
        int changed = jdbi.inTransaction(h -> {
            touchChat(h, chatId, chatType);
            for (String chain : chains) {
                if (confirmations == null) {
                    h.createUpdate("""
                            UPDATE chat_settings
                            SET confirmations = NULL
                            WHERE chat_id = :chat AND chain = :chain""").bind("chat", chatId).bind("chain", chain)
                            .execute();
                    deleteEmptySettings(h, chatId);
                } else {
                    h.createUpdate("""
                            INSERT INTO chat_settings (chat_id, chain, confirmations)
                            VALUES (:chat, :chain, :c)
                            ON CONFLICT (chat_id, chain)
                            DO UPDATE SET confirmations = EXCLUDED.confirmations""").bind("chat", chatId)
                            .bind("chain", chain).bind("c", confirmations).execute();
                }
            }
            List<WatchKey> keys = h.createQuery("""
                    UPDATE watches
                    SET confirmations = :c
                    WHERE chat_id = :chat AND chain = ANY(:chains)
                        AND confirmations IS DISTINCT FROM :c
                    RETURNING chain, target_type, value""").bind("c", confirmations).bind("chat", chatId)
                    .bindArray("chains", String.class, chains).map(WatchStore::key).list();
            enqueue(h, keys);
            return keys.size();
        });
        if (changed > 0) {
            outboxWakeUp.run();
        }
        return changed;
    }

    /** Everything {@code /settings} shows; a chat that never changed anything gets the defaults. */
    public ChatSettings settings(long chatId) {
        return jdbi.withHandle(h -> {
            Map<String, Integer> confirmations = new HashMap<>();
            Map<String, BigInteger> minimumWei = new HashMap<>();
            Map<String, BigDecimal> minimumUsd = new HashMap<>();
            h.createQuery("""
                    SELECT chain, confirmations, min_native_wei, min_usd
                    FROM chat_settings
                    WHERE chat_id = :chat""").bind(
                    "chat", chatId).map((rs, ctx) -> {
                        int depth = rs.getInt("confirmations");
                        if (!rs.wasNull()) {
                            confirmations.put(rs.getString("chain"), depth);
                        }
                        BigDecimal wei = rs.getBigDecimal("min_native_wei");
                        if (wei != null) {
                            minimumWei.put(rs.getString("chain"), wei.toBigIntegerExact());
                        }
                        BigDecimal usd = rs.getBigDecimal("min_usd");
                        if (usd != null) {
                            minimumUsd.put(rs.getString("chain"), usd.stripTrailingZeros());
                        }
                        return null;
                    }).list();
            ChatPreferences preferences = h.createQuery("""
                    SELECT %s
                    FROM chats
                    WHERE id = :chat""".formatted(PREFERENCE_COLUMNS)).bind("chat", chatId).map(WatchStore::preferences)
                    .findOne().orElse(ChatPreferences.DEFAULT);
            return new ChatSettings(confirmations, minimumWei, minimumUsd, preferences);
        });
    }

    /**
     * Sets the minimum of each chain of {@code byChain}, in one transaction, and re-publishes the chat's keys on the
     * chains whose minimum changed. Returns how many watches were re-published.
     */
    public int setMinimum(long chatId, String chatType, Map<String, Minimum> byChain) {
        int changed = jdbi.inTransaction(h -> {
            touchChat(h, chatId, chatType);
            Map<String, Minimum> before = new HashMap<>();
            h.createQuery("""
                    SELECT chain, min_native_wei, min_usd
                    FROM chat_settings
                    WHERE chat_id = :chat""").bind("chat", chatId).map((rs, ctx) -> {
                BigDecimal wei = rs.getBigDecimal(2);
                BigDecimal usd = rs.getBigDecimal(3);
                return before.put(rs.getString(1), new Minimum(wei == null ? null : wei.toBigIntegerExact(),
                        usd == null ? null : usd.stripTrailingZeros()));
            }).list();
            List<String> changedChains = byChain.keySet().stream().filter(chain -> !same(before.getOrDefault(chain,
                    Minimum.NONE), byChain.get(chain))).toList();
            for (String chain : changedChains) {
                Minimum minimum = byChain.get(chain);
                h.createUpdate("""
                        INSERT INTO chat_settings (chat_id, chain, min_native_wei, min_usd)
                        VALUES (:chat, :chain, :wei, :usd)
                        ON CONFLICT (chat_id, chain)
                        DO UPDATE SET min_native_wei = EXCLUDED.min_native_wei, min_usd = EXCLUDED.min_usd""")
                        .bind("chat", chatId).bind("chain", chain).bind("wei", minimum.wei() == null
                                ? null
                                : new BigDecimal(minimum.wei()))
                        .bind("usd", minimum.usd()).execute();
            }
            deleteEmptySettings(h, chatId);
            List<WatchKey> keys = h.createQuery("""
                    SELECT chain, target_type, value
                    FROM watches
                    WHERE chat_id = :chat AND chain = ANY(:chains)""").bind("chat", chatId)
                    .bindArray("chains", String.class, changedChains).map(WatchStore::key).list();
            enqueue(h, keys);
            return keys.size();
        });
        if (changed > 0) {
            outboxWakeUp.run();
        }
        return changed;
    }

    /**
     * Applies {@code change} to the chat's preferences, unless the result would hear nothing; on a change re-publishes
     * every key the chat watches, so the published watcher lists converge.
     */
    public PreferencesChange updatePreferences(long chatId, String chatType, UnaryOperator<ChatPreferences> change) {
        PreferencesChange outcome = jdbi.inTransaction(h -> {
            touchChat(h, chatId, chatType); // locks the chat's row: concurrent changes apply one after the other
            ChatPreferences before = h.createQuery("""
                    SELECT %s
                    FROM chats
                    WHERE id = :chat""".formatted(PREFERENCE_COLUMNS)).bind("chat", chatId).map(WatchStore::preferences)
                    .one();
            ChatPreferences after = change.apply(before);
            if (after.equals(before)) {
                return new PreferencesChange.Unchanged(before);
            }
            if (!after.hearsSomething()) {
                return new PreferencesChange.WouldSilence(before);
            }
            h.createUpdate(
                    """
                            UPDATE chats
                            SET native_transfers = :native, tokens = :tokens, nfts = :nfts, approvals = :approvals, incoming = :in,
                                outgoing = :out, hide_spam = :spam, quiet_hours = :quiet
                            WHERE id = :chat""")
                    .bind("native", after.nativeTransfers()).bind("tokens", after.tokens())
                    .bind("nfts", after.nfts()).bind("approvals", after.approvals()).bind("in", after.incoming())
                    .bind("out", after.outgoing())
                    .bind("spam", after.hideSpam())
                    .bind("quiet", after.quietHours() == null ? null : after.quietHours().text()).bind("chat", chatId)
                    .execute();
            List<WatchKey> keys = h.createQuery("""
                    SELECT chain, target_type, value
                    FROM watches
                    WHERE chat_id = :chat""").bind("chat", chatId).map(WatchStore::key).list();
            enqueue(h, keys);
            return new PreferencesChange.Changed(before, after, keys.size());
        });
        if (outcome instanceof PreferencesChange.Changed c && c.watchesUpdated() > 0) {
            outboxWakeUp.run();
        }
        return outcome;
    }

    /** What {@link #updatePreferences} did. */
    public sealed interface PreferencesChange {
        record Changed(ChatPreferences before, ChatPreferences after, int watchesUpdated) implements PreferencesChange {
        }

        record Unchanged(ChatPreferences current) implements PreferencesChange {
        }

        /** Refused: nothing would be reported any more. */
        record WouldSilence(ChatPreferences current) implements PreferencesChange {
        }
    }

    /**
     * A chat's settings.
     *
     * @param confirmations per chain, only chains not at their default
     * @param minimumWei per chain, only chains with a minimum
     */
    public record ChatSettings(Map<String, Integer> confirmations, Map<String, BigInteger> minimumWei,
            Map<String, BigDecimal> minimumUsd, ChatPreferences preferences) {
    }

    /**
     * A chain's minimum: in the smallest unit of its coin ({@code wei}) or in US dollars ({@code usd}), at most one of
     * them; {@link #NONE}: every amount is reported.
     */
    public record Minimum(BigInteger wei, BigDecimal usd) {

        public static final Minimum NONE = new Minimum(null, null);

        public Minimum {
            if (wei != null && usd != null) {
                throw new IllegalArgumentException("a minimum is in the coin or in dollars, not both");
            }
        }
    }

    /**
     * The bot was blocked or the chat deleted at {@code atMillis}: removes the chat's watches, unless the chat came back
     * (sent a command) after that moment. Returns how many watches were removed.
     */
    public int deactivateChat(long chatId, long atMillis, String reason) {
        int removed = jdbi.inTransaction(h -> {
            int chats = h.createUpdate("""
                    UPDATE chats
                    SET active = FALSE, deactivated_reason = :reason, updated_at = :now
                    WHERE id = :chat AND activated_at <= :at""").bind("reason", reason).bind("now", now())
                    .bind("chat", chatId).bind("at", new Timestamp(atMillis)).execute();
            if (chats == 0) {
                return 0;
            }
            List<WatchKey> keys = h.createQuery("""
                    DELETE FROM watches
                    WHERE chat_id = :chat
                    RETURNING chain, target_type, value""").bind("chat", chatId).map(WatchStore::key).list();
            enqueue(h, keys);
            return keys.size();
        });
        if (removed > 0) {
            outboxWakeUp.run();
        }
        return removed;
    }

    /**
     * A group became a supergroup with a new id: its watches and settings move there (where the new chat already
     * watches the same key, the new chat's watch stays). Returns how many watches moved.
     */
    public int migrateChat(long fromChatId, long toChatId) {
        if (fromChatId == toChatId) {
            return 0;
        }
        int moved = jdbi.inTransaction(h -> {
            touchChat(h, toChatId, "supergroup");
            List<WatchKey> keys = h.createQuery("""
                    UPDATE watches w
                    SET chat_id = :to
                    WHERE chat_id = :from AND NOT EXISTS (
                        SELECT 1 FROM watches o
                        WHERE o.chat_id = :to AND o.chain = w.chain AND o.target_type = w.target_type
                            AND o.value = w.value)
                    RETURNING chain, target_type, value""").bind("from", fromChatId).bind("to", toChatId)
                    .map(WatchStore::key).list();
            List<WatchKey> dropped = h.createQuery("""
                    DELETE FROM watches
                    WHERE chat_id = :from
                    RETURNING chain, target_type, value""").bind("from", fromChatId).map(WatchStore::key).list();
            h.createUpdate("""
                    INSERT INTO chat_settings (chat_id, chain, confirmations, min_native_wei, min_usd)
                    SELECT :to, chain, confirmations, min_native_wei, min_usd
                    FROM chat_settings
                    WHERE chat_id = :from
                    ON CONFLICT (chat_id, chain)
                    DO NOTHING""").bind("to", toChatId).bind("from", fromChatId).execute();
            h.createUpdate("""
                    UPDATE chats t
                    SET %s
                    FROM chats f
                    WHERE f.id = :from AND t.id = :to""".formatted(PREFERENCE_COLUMNS.replaceAll("(\\w+)",
                    "$1 = f.$1"))).bind("from", fromChatId).bind("to", toChatId).execute();
            h.createUpdate("""
                    UPDATE chats
                    SET active = FALSE, deactivated_reason = 'migrated', updated_at = :now
                    WHERE id = :from""").bind("now", now()).bind("from", fromChatId).execute();
            Set<WatchKey> all = new LinkedHashSet<>(keys);
            all.addAll(dropped);
            enqueue(h, all);
            return keys.size();
        });
        outboxWakeUp.run();
        return moved;
    }

    /** Totals for operators. */
    public StoreStats stats() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM chats WHERE active),
                    (SELECT count(*) FROM watches),
                    (SELECT count(*) FROM outbox WHERE published_at IS NULL)""")
                .map((rs, ctx) -> new StoreStats(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one());
    }

    public record StoreStats(long activeChats, long watches, long outboxPending) {
    }

    private void touchChat(Handle h, long chatId, String chatType) {
        h.createUpdate("""
                INSERT INTO chats (id, type, active, created_at, updated_at, activated_at)
                VALUES (:chat, :type, TRUE, :now, :now, :now)
                ON CONFLICT (id)
                DO UPDATE SET type = EXCLUDED.type, active = TRUE, updated_at = EXCLUDED.updated_at,
                    activated_at = CASE WHEN chats.active THEN chats.activated_at ELSE EXCLUDED.activated_at END,
                    deactivated_reason = NULL""").bind("chat", chatId).bind("type", chatType).bind("now", now())
                .execute();
    }

    private static boolean same(Minimum a, Minimum b) {
        return Objects.equals(a.wei(), b.wei()) && (a.usd() == null
                ? b.usd() == null
                : b.usd() != null && a.usd()
                        .compareTo(b.usd()) == 0);
    }

    private static void deleteEmptySettings(Handle h, long chatId) {
        h.createUpdate("""
                DELETE FROM chat_settings
                WHERE chat_id = :chat AND confirmations IS NULL AND min_native_wei IS NULL
                    AND min_usd IS NULL""").bind("chat", chatId)
                .execute();
    }

    /** Reads the {@link #PREFERENCE_COLUMNS} of a {@code chats} row. */
    static ChatPreferences preferences(ResultSet rs, StatementContext ctx) throws SQLException {
        String quiet = rs.getString("quiet_hours");
        return new ChatPreferences(rs.getBoolean("native_transfers"), rs.getBoolean("tokens"), rs.getBoolean("nfts"),
                rs.getBoolean("approvals"), rs.getBoolean("incoming"), rs.getBoolean("outgoing"),
                rs.getBoolean("hide_spam"), quiet == null
                        ? null
                        : QuietHours.parse(quiet).orElse(null));
    }

    private static int count(Handle h, long chatId) {
        return h.createQuery("SELECT count(*) FROM watches WHERE chat_id = :chat").bind("chat", chatId).mapTo(
                Integer.class).one();
    }

    static void enqueue(Handle h, Collection<WatchKey> keys) {
        var batch = h.prepareBatch("INSERT INTO outbox (sub_key) VALUES (:key)");
        for (WatchKey key : new LinkedHashSet<>(keys)) {
            batch.bind("key", key.key()).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private void wakeUpIfChanged(StoreOutcome outcome) {
        if (outcome instanceof StoreOutcome.Added || outcome instanceof StoreOutcome.LabelUpdated
                || outcome instanceof StoreOutcome.Removed) {
            outboxWakeUp.run();
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    static Watch watch(ResultSet rs, StatementContext ctx) throws SQLException {
        int depth = rs.getInt("confirmations");
        Integer confirmations = rs.wasNull() ? null : depth;
        return new Watch(rs.getLong("id"), rs.getLong("chat_id"), key(rs, ctx), rs.getString("label"), confirmations,
                rs.getString("filters"));
    }

    static WatchKey key(ResultSet rs, StatementContext ctx) throws SQLException {
        return new WatchKey(rs.getString("chain"), WatchTarget.valueOf(rs.getString("target_type")), rs.getString(
                "value"));
    }
}
