/**
 * The RPC failover pool: endpoints in priority order, each behind a Failsafe circuit breaker, a retry with
 * exponential backoff around the whole pool, and one classifier ({@link io.chainwatch.ingestor.rpc.RpcErrorClassifier})
 * that decides what every failure means.
 */
package io.chainwatch.ingestor.rpc;
