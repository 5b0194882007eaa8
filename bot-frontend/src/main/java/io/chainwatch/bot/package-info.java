/**
 * The Telegram bot front end: {@link io.chainwatch.bot.BotService} builds its parts from
 * {@link io.chainwatch.bot.BotSettings} and runs them without Micronaut, so the standalone launcher and the tests start
 * it directly; {@code io.chainwatch.bot.app} hosts it. Each part is a package below this one and never reaches back
 * here: whatever a part needs from the settings it takes in its constructor.
 */
package io.chainwatch.bot;
