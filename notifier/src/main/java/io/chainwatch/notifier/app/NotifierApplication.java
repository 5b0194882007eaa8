package io.chainwatch.notifier.app;

import io.micronaut.runtime.Micronaut;

/** Runs the notifier on its own (port 8083 by default). */
public final class NotifierApplication {

    private NotifierApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(NotifierApplication.class).defaultEnvironments("notifier").start();
    }
}
