/** Micronaut wiring of the bot front end: main class, factory, health indicator, Telegram webhook endpoint. */
package io.chainwatch.bot.app;
