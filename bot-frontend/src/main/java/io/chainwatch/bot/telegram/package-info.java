/**
 * The Telegram side: long polling or the webhook, per-chat ordering and pacing of replies, the command menu and group
 * admin checks. Turns updates into calls of the command handler and its answers into Bot API calls; nothing else of
 * the bot talks to Telegram.
 */
package io.chainwatch.bot.telegram;
