package io.chainwatch.ingestor.rpc;

/**
 * What a failed call means for the pool, decided by {@link RpcErrorClassifier} (through {@link RpcErrorKind}).
 */
public enum RpcFailure {
    /** The endpoint is unhealthy or overloaded for now: count it against its breaker and try the next one. */
    SWITCH_ENDPOINT,
    /** The answer does not exist yet on this endpoint (unknown block, header not found): try the next one. */
    NOT_AVAILABLE,
    /** The endpoint does not offer this method: use another way on this endpoint, or the next one. */
    METHOD_UNSUPPORTED,
    /** The request is larger than this endpoint accepts: ask for less, or try the next one; the endpoint is fine. */
    TOO_LARGE,
    /** Retrying cannot help (a malformed request, a wrong chain): stop and report. */
    FATAL
}
