/**
 * Owns the commands: {@link io.chainwatch.bot.command.CommandTable} describes each once (name, menu, help, usage,
 * parser); the handler checks who may do what, changes the store and says what happened, all without Telegram, so
 * that it is tested with plain calls.
 */
package io.chainwatch.bot.command;
