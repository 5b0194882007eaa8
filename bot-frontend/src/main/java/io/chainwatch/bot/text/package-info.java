/**
 * Telegram HTML and the cleaning of user text, the only place either is done, so that no reply echoes input unescaped.
 * Depends on nothing else of the bot.
 */
package io.chainwatch.bot.text;
