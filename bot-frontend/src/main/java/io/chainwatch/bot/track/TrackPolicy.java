package io.chainwatch.bot.track;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import io.chainwatch.bot.track.Tracked.How;
import io.chainwatch.bot.track.Tracked.Replacement;
import io.chainwatch.bot.track.Tracked.Sender;

/**
 * What one look at the nodes means for a tracked transaction: its next state, as a pure function of what the bot
 * remembered, what the nodes show now and the time. The rules in one place:
 * <ul>
 * <li>mined: {@link TrackPhase#MINED}, or {@link TrackPhase#FINAL} once its block is final; mined in another block
 * than before means a reorg moved it, and the message says which block was orphaned;</li>
 * <li>pending: {@link TrackPhase#PENDING}, also after a reorg put a mined one back into the pool;</li>
 * <li>not shown, but its sender's nonce was used by another mined transaction: that one is followed in its place
 * ("sped up" with the same recipient and value, "cancelled" when it sends nothing to the sender itself), or, where it
 * could not be found, the story ends as {@link TrackPhase#REPLACED};</li>
 * <li>not shown and the nonce still free: a hash never seen is looked for until {@link Patience#keepLooking} has
 * passed ({@link TrackPhase#NOT_FOUND}); one seen before is {@link TrackPhase#GONE}, and
 * {@link TrackPhase#DROPPED} when it has not come back within {@link Patience#dropAfter}.</li>
 * </ul>
 */
public final class TrackPolicy {

    /**
     * How long the bot waits for the nodes.
     *
     * @param keepLooking how long a hash no node knows is looked for
     * @param dropAfter how long a transaction that left the pool may take to come back before it counts as dropped
     */
    public record Patience(Duration keepLooking, Duration dropAfter) {
        /**
         * Half an hour for a hash to show up (a transaction reaches the nodes in seconds; this covers a wallet that
         * sends late or a chat that tracked it on a busy node), ten minutes for one that left the pool to come back.
         */
        public static final Patience DEFAULT = new Patience(Duration.ofMinutes(30), Duration.ofMinutes(10));
    }

    /** What the nodes showed of the transaction the bot follows ({@link Tracked#current()}). */
    public sealed interface Observation {
    }

    /** A node has it, pending or mined. */
    public record Seen(TxStatus status) implements Observation {
        public Seen {
            if (status instanceof TxStatus.Unknown) {
                throw new IllegalArgumentException("an unknown transaction is Unseen");
            }
        }
    }

    /**
     * No node has it.
     *
     * @param nonceUsed the sender's nonce was taken by a mined transaction (false while the sender is unknown)
     * @param replacement that transaction, where the bot found it
     */
    public record Unseen(boolean nonceUsed, Optional<TxStatus.Mined> replacement) implements Observation {
        public static final Unseen NOWHERE = new Unseen(false, Optional.empty());
    }

    private TrackPolicy() {
    }

    public static Tracked next(Tracked row, Observation observed, Instant now, Patience patience) {
        if (row.phase().ended()) {
            return row;
        }
        return switch (observed) {
            case Seen(TxStatus.Mined mined) -> mined(row, mined, now);
            case Seen(TxStatus.Pending pending) -> pending(row, pending, now);
            case Seen seen -> throw new IllegalStateException("unreachable: " + seen);
            case Unseen unseen -> unseen(row, unseen, now, patience);
        };
    }

    private static Tracked mined(Tracked row, TxStatus.Mined mined, Instant now) {
        boolean moved = row.blockHash().isPresent() && !row.blockHash().get().equals(mined.blockHash());
        OptionalLong orphaned = moved ? row.block() : row.orphanedBlock();
        boolean own = row.replacement().isEmpty();
        return row.with(mined.finalized() ? TrackPhase.FINAL : TrackPhase.MINED, now, Optional.of(new Sender(mined
                .from(), mined.nonce())), own ? mined.to() : row.to(), own ? mined.value() : row.value(), OptionalLong
                        .of(mined.block()),
                Optional.of(mined.blockHash()), row.replacement(), orphaned);
    }

    private static Tracked pending(Tracked row, TxStatus.Pending pending, Instant now) {
        boolean own = row.replacement().isEmpty();
        return row.with(TrackPhase.PENDING, now, Optional.of(new Sender(pending.from(), pending.nonce())), own
                ? pending.to()
                : row.to(), own ? pending.value() : row.value(), OptionalLong.empty(), Optional.empty(),
                row
                        .replacement(),
                orphanedBy(row));
    }

    private static Tracked unseen(Tracked row, Unseen unseen, Instant now, Patience patience) {
        if (unseen.replacement().isPresent() && row.sender().isPresent()) {
            TxStatus.Mined other = unseen.replacement().get();
            Tracked replaced = row.with(row.phase(), now, row.sender(), row.to(), row.value(), row.block(), row
                    .blockHash(), Optional.of(new Replacement(other.hash(), how(row, other))), row.orphanedBlock());
            // the orphan note was about the replaced transaction; the replacement's story starts clean
            return mined(replaced.with(replaced.phase(), now, replaced.sender(), replaced.to(), replaced.value(),
                    OptionalLong.empty(), Optional.empty(), replaced.replacement(), OptionalLong.empty()), other, now);
        }
        if (unseen.nonceUsed()) {
            return row.with(TrackPhase.REPLACED, now, row.sender(), row.to(), row.value(), OptionalLong.empty(),
                    Optional.empty(), row.replacement(), orphanedBy(row));
        }
        return switch (row.phase()) {
            case LOOKING -> now.isBefore(row.since().plus(patience.keepLooking()))
                    ? row
                    : row.with(TrackPhase.NOT_FOUND, now, row.sender(), row.to(), row.value(), row.block(), row
                            .blockHash(), row.replacement(), row.orphanedBlock());
            case PENDING, MINED -> row.with(TrackPhase.GONE, now, row.sender(), row.to(), row.value(), OptionalLong
                    .empty(), Optional.empty(), row.replacement(), orphanedBy(row));
            case GONE -> now.isBefore(row.changedAt().plus(patience.dropAfter()))
                    ? row
                    : row.with(TrackPhase.DROPPED, now, row.sender(), row.to(), row.value(), row.block(), row
                            .blockHash(), row.replacement(), row.orphanedBlock());
            default -> row;
        };
    }

    /** A mined transaction that is mined no more lost its block to a reorg: remember which, for the message. */
    private static OptionalLong orphanedBy(Tracked row) {
        return row.phase() == TrackPhase.MINED ? row.block() : row.orphanedBlock();
    }

    /** How {@code other}, mined with the sender's nonce, relates to the transaction it replaced. */
    static How how(Tracked row, TxStatus.Mined other) {
        String sender = row.sender().map(Sender::address).orElse("");
        if (other.value().signum() == 0 && other.to().filter(sender::equals).isPresent()) {
            return How.CANCELLED;
        }
        if (other.to().equals(row.to()) && other.value().equals(row.value())) {
            return How.SPED_UP;
        }
        return How.REPLACED;
    }
}
