/**
 * Owns the bot's Postgres: the schema migrations, the chats' watches and settings, and the transactional outbox that
 * publishes every change to {@code chainwatch.subscriptions}; chat events from the notifier change it too. Also what
 * an error means for the bot ({@link io.chainwatch.bot.store.BotErrors}), since that is mostly whether Postgres or
 * Kafka is down.
 */
package io.chainwatch.bot.store;
