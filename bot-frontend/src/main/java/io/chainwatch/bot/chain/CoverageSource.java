package io.chainwatch.bot.chain;

import java.time.Instant;
import java.util.Optional;

/** Where {@code /status} learns how far the ingestor has got on each chain. */
public interface CoverageSource {

    /** Knows nothing: every chain looks as if no block was processed yet. */
    CoverageSource NONE = chain -> Optional.empty();

    /**
     * The last block the ingestor committed on a chain.
     *
     * @param number block number
     * @param hash block hash
     * @param at when the ingestor committed it
     */
    record Cursor(long number, String hash, Instant at) {
    }

    Optional<Cursor> cursor(String chain);
}
