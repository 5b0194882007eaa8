/**
 * Delivery: everything between an alert read from {@code chainwatch.alerts} and its offset being committed. {@link
 * AlertConsumer} queues each alert in the {@link DeliveryState} (the per-chat queues of the {@link ChatScheduler} and
 * the {@code OffsetTracker}, under one lock) and pauses the partitions of full chats. {@link Dispatcher} takes the next
 * chat whose pace allows a message and delivers to it: it checks the ledger, formats a message or a digest, takes a
 * token from the {@link GlobalRateLimiter}, sends (or edits, for a reorg or a confirmation update), records the
 * delivery, and dead-letters or publishes chat events through {@link KafkaSink}. The rules it follows are small pure
 * classes: {@code Backoff}, {@code QuietHoursPolicy}, {@code Progress}, {@code Reorgs}. Which chat goes next, and
 * that confirmation edits yield the global budget to new alerts of every chat, is the {@link ChatScheduler}'s (pure,
 * time passed in).
 * <p>
 * The global budget is here rather than in a package of its own: only the dispatcher takes from it, and when Redis is
 * down it fails as the ledger does ({@link io.chainwatch.notifier.ledger.StoreUnavailableException}), which pauses
 * sending.
 * <p>
 * {@link io.chainwatch.notifier.NotifierService} builds and starts these classes, which is why their constructors and
 * lifecycle methods are public; the rest is package-private. Uses the ledger, telegram, format and erc20 packages; none
 * of them uses this one.
 */
package io.chainwatch.notifier.delivery;
