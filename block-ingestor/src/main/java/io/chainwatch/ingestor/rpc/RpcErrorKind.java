package io.chainwatch.ingestor.rpc;

/**
 * The one vocabulary for what an RPC answer or failure means, whatever client or provider sent it and however it
 * said it (a JSON-RPC error code, a message, an HTTP status). {@link RpcErrorClassifier} maps every failure to one of
 * these; each kind then has one meaning for the pool ({@link #failure()}).
 */
public enum RpcErrorKind {
    /** The endpoint does not offer this method (or this namespace, or batches): ask another way or elsewhere. */
    UNSUPPORTED_METHOD("method not offered", RpcFailure.METHOD_UNSUPPORTED),
    /** The endpoint or provider throttles us (HTTP 429, -32005 "limit exceeded", compute units, credits). */
    RATE_LIMITED("rate limited", RpcFailure.SWITCH_ENDPOINT),
    /** The data is not there yet or no longer: a lagging node, a reorged block, a {@code null} block. */
    NOT_AVAILABLE_YET("block not available yet", RpcFailure.NOT_AVAILABLE),
    /** The request, batch or response is larger than the endpoint accepts (HTTP 413, "batch too large"). */
    TOO_LARGE("request or batch too large", RpcFailure.TOO_LARGE),
    /** The endpoint refuses the request as malformed (-32602, -32600, a parse error): retrying cannot help. */
    INVALID_PARAMS("invalid params", RpcFailure.FATAL),
    /** The endpoint failed internally (HTTP 5xx, -32603, other vendor errors). */
    SERVER_ERROR("server error", RpcFailure.SWITCH_ENDPOINT),
    /** No usable answer at all: a timeout, a refused or reset connection, a truncated or non-JSON body. */
    UNREACHABLE("not reachable", RpcFailure.SWITCH_ENDPOINT);

    private final String label;
    private final RpcFailure failure;

    RpcErrorKind(String label, RpcFailure failure) {
        this.label = label;
        this.failure = failure;
    }

    /** A few words for logs and health: "rate limited", "method not offered". */
    public String label() {
        return label;
    }

    /** What the pool does about it. */
    public RpcFailure failure() {
        return failure;
    }

    /**
     * Whether the same call may well succeed on this endpoint a little later. A capability call that fails
     * non-transiently means the endpoint does not offer the capability.
     */
    public boolean isTransient() {
        return this == RATE_LIMITED || this == NOT_AVAILABLE_YET || this == SERVER_ERROR || this == UNREACHABLE;
    }
}
