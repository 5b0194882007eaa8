package io.chainwatch.matcher.app;

import io.micronaut.runtime.Micronaut;

/** Runs the tx-matcher on its own, with its health and Prometheus endpoints (environment {@code matcher}). */
public class MatcherApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(MatcherApplication.class).defaultEnvironments("matcher").start();
    }
}
