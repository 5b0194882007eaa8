package io.chainwatch.bench.soak;

import java.time.Instant;

/**
 * One chain of the soak: a node the pipeline reads and the load that fills its blocks. The soak knows a chain only
 * through this, so that something else than anvil (a replay node serving recorded blocks) can drive a chain.
 */
public interface ChainLoad extends AutoCloseable {

    /** What the load reports as it goes; called from the load's own threads. */
    interface Listener {

        /** Block {@code number} of {@code chain} exists on the node from {@code at} (block → Telegram starts here). */
        void blockMade(String chain, long number, Instant at);

        /** A transaction that touches an address {@code chatId} watches was submitted. */
        void watchedSent(String chain, String txHash, long chatId, boolean token, Instant at);
    }

    /** The pipeline's name of the chain ({@code bsc}, {@code ethereum}): its preset and chain id. */
    String chain();

    /**
     * The endpoints for {@code CHAINWATCH_RPC_<CHAIN>}, comma separated: with {@code websocket} the node's
     * {@code ws://} first (new heads pushed) and its {@code http://} (the ingestor reads blocks over http), else only
     * {@code http://} (heads polled).
     */
    String rpcUrls(boolean websocket);

    /** Starts producing blocks and transactions from {@code start} (the run's time origin) on. */
    void begin(Instant start, Listener listener);

    /** Stops producing; the node keeps serving what it has. */
    void stop();

    /** Transactions submitted so far, and how many of them the node refused. */
    long submitted();

    long refused();

    /** The node's reasons for refusing, with how often each was given. */
    java.util.Map<String, Long> refusals();

    /** What the load offers, in words, for the report (rates, bursts, what the node sustained). */
    String describe();

    /** Process id of the node, for its CPU and memory; -1 when it is not a local process. */
    long nodePid();

    @Override
    void close();
}
