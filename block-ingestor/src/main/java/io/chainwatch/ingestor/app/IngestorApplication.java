package io.chainwatch.ingestor.app;

import io.micronaut.runtime.Micronaut;

/** Runs the block-ingestor on its own (port 8081 by default). */
public final class IngestorApplication {

    private IngestorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(IngestorApplication.class).defaultEnvironments("ingestor").start();
    }
}
