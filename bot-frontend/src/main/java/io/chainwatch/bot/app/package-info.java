/** Micronaut wiring of the bot front end: main class, factory, health indicator. */
package io.chainwatch.bot.app;
