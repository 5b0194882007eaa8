package io.chainwatch.notifier;

import java.util.Collection;
import java.util.Set;

/**
 * Remembers which alerts were delivered, by alert id, so that a replay or a restart never sends one twice. Keys are
 * {@link io.chainwatch.schema.AlertIds#notifiedKey(String)}; entries live for the ledger's TTL (7 days by default).
 * <p>
 * Implementations are thread-safe. When the backing store cannot be reached they throw
 * {@link StoreUnavailableException}; the notifier then sends nothing until it is back.
 */
public interface DeliveryLedger extends AutoCloseable {

    /** Those of {@code alertIds} that were delivered already. */
    Set<String> delivered(Collection<String> alertIds);

    /** Records {@code alertIds} as delivered; durable when this returns. */
    void markDelivered(Collection<String> alertIds);

    @Override
    void close();
}
