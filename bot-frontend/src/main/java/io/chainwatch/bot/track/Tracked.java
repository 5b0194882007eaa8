package io.chainwatch.bot.track;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One tracked transaction as the bot remembers it between lookups (a row of {@code tracked_txs}): enough to decide
 * what a lookup means (was it pending before? in which block?) and to say what happened when the nodes no longer show
 * it (who sent it, with which nonce).
 *
 * @param watchId the chat's {@code /track} watch, which {@code /list} shows and {@code /untrack} removes
 * @param hash the hash the chat asked about
 * @param messageId the message that tells the story, once the answer was sent
 * @param since when the chat asked
 * @param changedAt when the phase last changed (a {@link TrackPhase#GONE} transaction is dropped a while after it)
 * @param sender the sender and nonce, once a node showed the transaction
 * @param to the recipient the transaction was sent to (empty for a contract creation or while unknown)
 * @param value the value sent, in the chain's smallest unit
 * @param block the block it was last seen mined in, and that block's hash
 * @param replacement the transaction that took its nonce, now followed in its place
 * @param orphanedBlock a block it was mined in that a reorg took away, for the message to say so
 */
public record Tracked(long watchId, long chatId, String chain, String hash, OptionalLong messageId, TrackPhase phase,
        Instant since, Instant changedAt, Optional<Sender> sender, Optional<String> to, BigInteger value,
        OptionalLong block, Optional<String> blockHash, Optional<Replacement> replacement,
        OptionalLong orphanedBlock) {

    /** Who sent the transaction, and the nonce that orders it among the sender's. */
    public record Sender(String address, long nonce) {
    }

    /** How another transaction of the same sender and nonce took this one's place. */
    public enum How {
        /** The same recipient and value at a higher fee: a wallet's "speed up". */
        SPED_UP,
        /** Nothing sent to the sender itself: a wallet's "cancel". */
        CANCELLED,
        /** Anything else with the same nonce. */
        REPLACED
    }

    /** The transaction that took this one's nonce. */
    public record Replacement(String hash, How how) {
    }

    /** A transaction the chat just asked about, before any lookup. */
    public static Tracked asked(long watchId, long chatId, String chain, String hash, Instant now) {
        return new Tracked(watchId, chatId, chain, hash, OptionalLong.empty(), TrackPhase.LOOKING, now, now, Optional
                .empty(), Optional.empty(), BigInteger.ZERO, OptionalLong.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty());
    }

    /** The hash the lookups ask about: the replacement's, once there is one. */
    public String current() {
        return replacement.map(Replacement::hash).orElse(hash);
    }

    public Tracked withMessageId(long id) {
        return new Tracked(watchId, chatId, chain, hash, OptionalLong.of(id), phase, since, changedAt, sender, to,
                value, block, blockHash, replacement, orphanedBlock);
    }

    Tracked with(TrackPhase newPhase, Instant now, Optional<Sender> newSender, Optional<String> newTo,
            BigInteger newValue, OptionalLong newBlock, Optional<String> newBlockHash,
            Optional<Replacement> newReplacement, OptionalLong newOrphanedBlock) {
        return new Tracked(watchId, chatId, chain, hash, messageId, newPhase, since, newPhase == phase
                ? changedAt
                : now, newSender, newTo, newValue, newBlock, newBlockHash, newReplacement, newOrphanedBlock);
    }
}
