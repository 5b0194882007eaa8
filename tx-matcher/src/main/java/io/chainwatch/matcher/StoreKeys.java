package io.chainwatch.matcher;

/**
 * Keys of the matcher's stores. Block numbers are zero-padded to 20 digits so that the byte order of the string keys
 * (RocksDB's order) is the numeric order, and a chain's entries up to a height are one range scan. The separator
 * {@code |} never occurs in chain names, hashes or alert ids, and {@code ~} sorts after every character used.
 */
final class StoreKeys {

    private static final char SEP = '|';
    private static final String AFTER = "~";

    private StoreKeys() {
    }

    static String pad(long number) {
        return String.format("%020d", Math.max(0, number));
    }

    /** First key of any of {@code chain}'s entries. */
    static String chainStart(String chain) {
        return chain + SEP;
    }

    /** Last key of {@code chain}'s entries. */
    static String chainEnd(String chain) {
        return chain + SEP + AFTER;
    }

    /** A held alert: ordered by the height at which it is released, so release is a range scan. */
    static String pending(String chain, long releaseAt, long blockNumber, String blockHash, String identity) {
        return chain + SEP + pad(releaseAt) + SEP + pad(blockNumber) + SEP + blockHash + SEP + identity;
    }

    /** The release height written in a key made by {@link #pending} for {@code chain}. */
    static long releaseAtOfPending(String chain, String key) {
        int start = chain.length() + 1;
        return Long.parseLong(key, start, start + 20, 10);
    }

    /**
     * A record of alerts sent from a block ({@code block} made by {@link #sentOfBlock}), remembered until the block is
     * deeper than the reorg window: written while processing the block event at {@code offset}, its {@code part}th.
     */
    static String sentRecord(String block, long offset, int part) {
        return block + pad(offset) + SEP + part;
    }

    static String sentOfBlock(String chain, long blockNumber, String blockHash) {
        return chain + SEP + pad(blockNumber) + SEP + blockHash + SEP;
    }

    /** First key of the sent alerts of the blocks numbered {@code blockNumber}, whatever their hash. */
    static String sentOfNumber(String chain, long blockNumber) {
        return chain + SEP + pad(blockNumber) + SEP;
    }

    /** Upper bound (inclusive) of the sent alerts of blocks up to {@code blockNumber}. */
    static String sentUpTo(String chain, long blockNumber) {
        return chain + SEP + pad(blockNumber) + SEP + AFTER;
    }

    /** The recent counterparties of a watched address. */
    static String counterparties(String chain, String watched) {
        return chain + SEP + watched;
    }
}
