package io.chainwatch.demo;

import io.chainwatch.devkit.AnvilNode;

/** The devnet's head block for the page's status line; -1 while anvil does not answer. Thread-safe. */
final class DevnetHead {

    private final AnvilNode anvil;

    DevnetHead(AnvilNode anvil) {
        this.anvil = anvil;
    }

    long number() {
        try {
            return anvil.blockNumber();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    String rpcUrl() {
        return anvil.rpcUrl();
    }
}
