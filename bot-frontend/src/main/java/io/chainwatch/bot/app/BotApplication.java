package io.chainwatch.bot.app;

import io.micronaut.runtime.Micronaut;

/** Runs the bot front end on its own ({@code /health} and {@code /prometheus} on port 8084). */
public final class BotApplication {

    private BotApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(BotApplication.class).defaultEnvironments("bot").start();
    }
}
