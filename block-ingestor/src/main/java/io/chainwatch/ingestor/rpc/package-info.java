/**
 * The RPC failover pool and what it knows of each endpoint. {@link RpcPool}: endpoints in priority order, each behind
 * a Failsafe circuit breaker and a per-call timeout, a retry with exponential backoff around the whole pool, and
 * {@link RpcPool#callOn} for a call that must go to one chosen endpoint. {@link RpcErrorClassifier} is the one place
 * that decides what a failure means, as one {@link RpcErrorKind} (unsupported, rate limited, not available yet, state
 * not kept, access denied, too large, invalid params, server error, unreachable), and describes it in words safe to
 * log and show (never a raw body or an endpoint's key; {@link RpcEndpoint#describe}). {@link EndpointCapabilities}
 * is what each endpoint was found to offer ({@link Capability}: block receipts, the call tracer, new heads, the batch
 * size), learned by {@code CapabilityProbe} and by use; {@link EndpointCapabilities#learnFrom} alone decides what a
 * failed capability call teaches. {@link JsonRpcBatch} sends batches by hand, so that a refusal of a batch keeps its
 * meaning. {@link EndpointStatus} is an endpoint as health shows it.
 */
package io.chainwatch.ingestor.rpc;
