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
    /**
     * The endpoint no longer keeps the state this call needs (a pruned node tracing an old block: geth "required
     * historical state unavailable", "historical state … is not available"): another endpoint may have it, this one
     * never will, and it is no fault of the endpoint.
     */
    STATE_UNAVAILABLE("state not kept here", RpcFailure.METHOD_UNSUPPORTED),
    /**
     * The endpoint refuses us (HTTP 401/403, Infura "rejected due to project ID settings", method allowlists): for a
     * capability call that means "not offered here"; for any other call the endpoint cannot serve us now.
     */
    FORBIDDEN("access denied", RpcFailure.SWITCH_ENDPOINT),
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
     * Whether the same call may well succeed on this endpoint a little later. What a failed capability call teaches
     * is decided in {@link EndpointCapabilities#learnFrom}.
     */
    public boolean isTransient() {
        return this == RATE_LIMITED || this == NOT_AVAILABLE_YET || this == SERVER_ERROR || this == UNREACHABLE;
    }

    /**
     * Whether it is about this one request (its size, the state of its block), not about the method: the same method
     * on a smaller request or another block may well work here, so it teaches nothing about a capability.
     */
    public boolean isAboutThisRequest() {
        return this == TOO_LARGE || this == STATE_UNAVAILABLE;
    }
}
