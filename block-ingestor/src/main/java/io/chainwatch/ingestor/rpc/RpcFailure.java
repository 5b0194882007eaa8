package io.chainwatch.ingestor.rpc;

/**
 * What a failed call means for the pool, decided by {@link RpcErrorClassifier}.
 */
public enum RpcFailure {
    /** The endpoint is unhealthy or overloaded for now: count it against its breaker and try the next one. */
    SWITCH_ENDPOINT,
    /** The answer does not exist yet on this endpoint (unknown block, header not found): try the next one. */
    NOT_AVAILABLE,
    /** The endpoint does not offer this method: use another way on this endpoint. */
    METHOD_UNSUPPORTED,
    /** Retrying cannot help (a malformed request, a wrong chain): stop and report. */
    FATAL
}
