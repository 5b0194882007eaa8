package io.chainwatch.notifier.ledger;

/**
 * Redis (the delivery ledger or the shared rate budget) or the ledger file cannot be used right now. Retriable: the
 * notifier pauses sending and tries again, since sending without the ledger could duplicate messages.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
