package io.chainwatch.ingestor.rpc;

/** The endpoint answered, but does not have the requested block (yet): it lags, or the block was reorged away. */
public final class BlockNotAvailableException extends RuntimeException {

    public BlockNotAvailableException(String message) {
        super(message);
    }
}
