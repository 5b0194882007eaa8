package io.chainwatch.devkit.contracts;

/**
 * A test contract's deployment or call that failed: the node refused it (most often because it would revert, with
 * the reason in the message), it reverted once mined, or it was not mined in time. The message names the contract,
 * the function, the sender and, once sent, the transaction.
 */
public final class ContractCallException extends RuntimeException {

    ContractCallException(String message) {
        super(message);
    }

    ContractCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
