/**
 * The delivery ledger: which alerts were delivered (by alert id) and by which Telegram message ({@link MessageRef}), so
 * that a replay or a restart never sends an alert twice and a reorg or confirmation follow-up can edit the message.
 * Delivery sees only {@link DeliveryLedger}; {@link RedisDeliveryLedger} (shared by every instance) and {@link
 * FileDeliveryLedger} (the standalone mode without Redis, fsynced) implement it with the same keys and stored forms.
 * {@link StoreUnavailableException} says the ledger cannot be used right now; the shared rate budget in Redis throws it
 * too, since to delivery both outages mean the same: pause sending.
 * <p>
 * Depends on nothing else in the notifier.
 */
package io.chainwatch.notifier.ledger;
