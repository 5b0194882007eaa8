package io.chainwatch.notifier.ledger;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Remembers which alerts were delivered, by alert id, so that a replay or a restart never sends one twice, and which
 * Telegram message announced each, so that a reorg follow-up can edit it. Two keys per alert:
 * {@link io.chainwatch.schema.AlertIds#notifiedKey(String)} and {@link #messageKey(String)} (the chat id, message id
 * and how many alerts the message announced); both are written together and live for the ledger's TTL (7 days by
 * default). A progress edit (an id with {@code @PROGRESS<depth>}) also writes {@link #progressKey(String)} of
 * its original in the same write, so a replayed shallower step never makes the message step back.
 * <p>
 * Implementations are thread-safe. When the backing store cannot be reached they throw
 * {@link StoreUnavailableException}; the notifier then sends nothing until it is back.
 */
public interface DeliveryLedger extends AutoCloseable {

    /** The key of the message that announced {@code alertId}. */
    static String messageKey(String alertId) {
        return "message:" + alertId;
    }

    /** The key holding the confirmations the message of {@code originalId} shows after progress edits. */
    static String progressKey(String originalId) {
        return "progress:" + originalId;
    }

    /** Those of {@code alertIds} that were delivered already. */
    Set<String> delivered(Collection<String> alertIds);

    /** The messages that announced those of {@code alertIds} whose message is known. */
    Map<String, MessageRef> messages(Collection<String> alertIds);

    /**
     * The confirmations shown, after progress edits, by the messages of those of {@code originalIds} that had one.
     */
    Map<String, Integer> confirmationsShown(Collection<String> originalIds);

    /**
     * Records {@code alertIds} as delivered by {@code message} (for a progress id, also the depth now shown on its
     * original); durable when this returns.
     */
    void markDelivered(Collection<String> alertIds, MessageRef message);

    @Override
    void close();
}
