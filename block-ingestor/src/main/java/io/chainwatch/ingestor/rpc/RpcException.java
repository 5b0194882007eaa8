package io.chainwatch.ingestor.rpc;

/**
 * A failed JSON-RPC call, with the endpoint (redacted) and the call it was making.
 */
public class RpcException extends RuntimeException {

    private final RpcFailure failure;

    public RpcException(String message, RpcFailure failure, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public RpcFailure failure() {
        return failure;
    }
}
