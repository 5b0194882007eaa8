/**
 * The Telegram bot front end: parses commands ({@link io.chainwatch.bot.CommandParser}), keeps each chat's watches in
 * Postgres and publishes every change through a transactional outbox to {@code chainwatch.subscriptions}
 * ({@link io.chainwatch.bot.OutboxRelay}); chat events from the notifier deactivate or move a chat's watches.
 * {@link io.chainwatch.bot.BotService} wires it all without Micronaut; {@code io.chainwatch.bot.app} hosts it.
 */
package io.chainwatch.bot;
