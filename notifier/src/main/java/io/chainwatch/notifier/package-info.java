/**
 * The notifier: reads {@code chainwatch.alerts}, formats each alert as a Telegram HTML message and delivers it within
 * Telegram's limits, exactly once per alert id (a delivery ledger in Redis or a local file), without letting one busy
 * chat delay the others.
 */
package io.chainwatch.notifier;
