/**
 * The notifier: reads {@code chainwatch.alerts}, formats each alert as a Telegram HTML message and delivers it within
 * Telegram's limits, exactly once per alert id (a delivery ledger in Redis or a local file), without letting one busy
 * chat delay the others.
 * <p>
 * This package is the service as others see it: {@link NotifierSettings} (the validated environment) and {@link
 * NotifierService}, which builds the parts from them, runs their threads and reports their health. Each part is a
 * package of its own, and none reaches back up here:
 * <ul>
 * <li>{@link io.chainwatch.notifier.delivery}: the per-chat queues and pacing, the sending loop, digests, follow-up
 * edits, offsets and dead letters; it uses the four below;</li>
 * <li>{@link io.chainwatch.notifier.ledger}: which alerts were delivered, and by which message;</li>
 * <li>{@link io.chainwatch.notifier.telegram}: the Bot API calls and what their answers mean;</li>
 * <li>{@link io.chainwatch.notifier.format}: the message texts;</li>
 * <li>{@link io.chainwatch.notifier.erc20}: token symbols and decimals for the texts, read over RPC.</li>
 * </ul>
 * All of it is plain Java; the Micronaut wiring is in {@code io.chainwatch.notifier.app}. The notifier's {@code
 * ArchitectureTest} keeps these boundaries.
 */
package io.chainwatch.notifier;
