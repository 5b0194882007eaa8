package io.chainwatch.ingestor.rpc;

import java.util.Optional;

/**
 * A failed JSON-RPC call, with the endpoint (redacted) and the call it was making.
 */
public class RpcException extends RuntimeException {

    private final RpcFailure failure;
    private final RpcErrorKind kind;

    public RpcException(String message, RpcFailure failure, Throwable cause) {
        this(message, failure, null, cause);
    }

    public RpcException(String message, RpcFailure failure, RpcErrorKind kind, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.kind = kind;
    }

    public RpcFailure failure() {
        return failure;
    }

    /** The kind of the failure that decided it, when one did. */
    public Optional<RpcErrorKind> kind() {
        return Optional.ofNullable(kind);
    }
}
