package io.chainwatch.bot.track;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

import io.chainwatch.bot.track.Tracked.Replacement;
import io.chainwatch.bot.track.Tracked.Sender;

/**
 * The tracked transactions in Postgres ({@code tracked_txs}, one row per {@code /track} watch, removed with it; the
 * chat is the watch's, so a group that migrates takes its stories along). Rows
 * are handed out by {@link #claim}: a row due for a look is leased to one bot instance at a time ({@code next_check}
 * moves past the lease), so several instances share the work without looking at a transaction twice. Thread-safe;
 * each call is one statement.
 */
public final class TrackedStore {

    /** What a row holds beyond the {@link Tracked} state: the text its message shows now ({@code null}: nothing yet). */
    public record Row(Tracked tracked, String shown) {
        /** A transaction the matcher followed before the bot did (see the V4 migration): it may end silently. */
        public boolean adopted() {
            return "".equals(shown);
        }
    }

    private final Jdbi jdbi;

    public TrackedStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Starts following {@code tracked} (its watch exists), whose answer says {@code shown}; first look at {@code next}. */
    public void insert(Tracked tracked, String shown, Instant next) {
        jdbi.useHandle(h -> bind(h.createUpdate("""
                INSERT INTO tracked_txs (watch_id, chain, hash, message_id, phase, since, changed_at, sender,
                    nonce, to_address, value, block, block_hash, replacement, replaced_how, orphaned_block, shown,
                    next_check)
                VALUES (:watch, :chain, :hash, :message, :phase, :since, :changed, :sender, :nonce, :to, :value,
                    :block, :blockHash, :replacement, :how, :orphaned, :shown, :next)
                ON CONFLICT (watch_id) DO UPDATE SET message_id = EXCLUDED.message_id, phase = EXCLUDED.phase,
                    since = EXCLUDED.since, changed_at = EXCLUDED.changed_at, sender = EXCLUDED.sender,
                    nonce = EXCLUDED.nonce, to_address = EXCLUDED.to_address, value = EXCLUDED.value,
                    block = EXCLUDED.block, block_hash = EXCLUDED.block_hash, replacement = EXCLUDED.replacement,
                    replaced_how = EXCLUDED.replaced_how, orphaned_block = EXCLUDED.orphaned_block,
                    shown = EXCLUDED.shown, next_check = EXCLUDED.next_check
                """), tracked).bind("shown", shown).bind("next", Timestamp.from(next)).execute());
    }

    /** Records the message that answered {@code /track}, for the tracker to edit. */
    public void answered(long watchId, long messageId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tracked_txs SET message_id = :message WHERE watch_id = :watch")
                .bind("message", messageId).bind("watch", watchId).execute());
    }

    /**
     * Up to {@code limit} rows due at {@code now} (of active chats), each leased to the caller for {@code lease}: no
     * other claim returns it before that, unless {@link #update} sets an earlier next look.
     */
    public List<Row> claim(Instant now, int limit, Duration lease) {
        return jdbi.withHandle(h -> h.createQuery("""
                UPDATE tracked_txs t SET next_check = :leased
                FROM watches w
                WHERE w.id = t.watch_id AND t.watch_id IN (
                    SELECT d.watch_id FROM tracked_txs d
                    JOIN watches dw ON dw.id = d.watch_id
                    JOIN chats c ON c.id = dw.chat_id
                    WHERE c.active AND d.next_check <= :now
                    ORDER BY d.next_check LIMIT :limit
                    FOR UPDATE OF d SKIP LOCKED)
                RETURNING t.*, w.chat_id
                """).bind("now", Timestamp.from(now)).bind("leased", Timestamp.from(now.plus(lease))).bind("limit",
                limit).map(TrackedStore::row).list());
    }

    /** Saves what a look found; the row is due again at {@code next}. False if the watch was removed meanwhile. */
    public boolean update(Tracked tracked, String shown, Instant next) {
        return jdbi.withHandle(h -> bind(
                h.createUpdate(
                        """
                                UPDATE tracked_txs SET message_id = COALESCE(CAST(:message AS BIGINT), message_id), phase = :phase, changed_at = :changed, sender = :sender,
                                    nonce = :nonce, to_address = :to, value = :value, block = :block, block_hash = :blockHash,
                                    replacement = :replacement, replaced_how = :how, orphaned_block = :orphaned, shown = :shown,
                                    next_check = :next
                                WHERE watch_id = :watch
                                """),
                tracked).bind("shown", shown).bind("next", Timestamp.from(next)).execute()) == 1;
    }

    /** How many stories are being told. */
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM tracked_txs").mapTo(Long.class).one());
    }

    public Optional<Row> find(long watchId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT t.*, w.chat_id FROM tracked_txs t JOIN watches w ON w.id = t.watch_id
                WHERE t.watch_id = :watch""").bind("watch",
                watchId).map(TrackedStore::row).findOne());
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Tracked t) {
        statement.bind("watch", t.watchId()).bind("chain", t.chain()).bind("hash", t.hash());
        statement.bind("message", boxed(t.messageId())).bind("phase", t.phase().name());
        statement.bind("since", Timestamp.from(t.since())).bind("changed", Timestamp.from(t.changedAt()));
        statement.bind("sender", t.sender().map(Sender::address).orElse(null));
        statement.bind("nonce", t.sender().map(Sender::nonce).orElse(null));
        statement.bind("to", t.to().orElse(null)).bind("value", new BigDecimal(t.value()));
        statement.bind("block", boxed(t.block())).bind("blockHash", t.blockHash().orElse(null));
        statement.bind("replacement", t.replacement().map(Replacement::hash).orElse(null));
        statement.bind("how", t.replacement().map(r -> r.how().name()).orElse(null));
        return statement.bind("orphaned", boxed(t.orphanedBlock()));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
        String sender = rs.getString("sender");
        String replacement = rs.getString("replacement");
        Tracked tracked = new Tracked(rs.getLong("watch_id"), rs.getLong("chat_id"), rs.getString("chain"), rs
                .getString("hash"), optionalLong(rs, "message_id"), TrackPhase.valueOf(rs.getString("phase")),
                rs
                        .getTimestamp("since").toInstant(),
                rs.getTimestamp("changed_at").toInstant(), sender == null
                        ? Optional.empty()
                        : Optional.of(new Sender(sender, rs.getLong("nonce"))),
                Optional.ofNullable(rs
                        .getString("to_address")),
                rs.getBigDecimal("value").toBigIntegerExact(),
                optionalLong(rs, "block"), Optional.ofNullable(rs.getString("block_hash")), replacement == null
                        ? Optional.empty()
                        : Optional.of(new Replacement(replacement, Tracked.How.valueOf(rs.getString(
                                "replaced_how")))),
                optionalLong(rs, "orphaned_block"));
        return new Row(tracked, rs.getString("shown"));
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
