/**
 * The block-ingestor: follows the head of each configured chain over JSON-RPC and publishes APPLIED / REVERTED
 * {@link io.chainwatch.schema.BlockEvent}s to {@code chainwatch.blocks}, exactly once, with its cursor committed in
 * the same Kafka transaction. {@link io.chainwatch.ingestor.ChainFollower} is the per-chain loop;
 * {@link io.chainwatch.ingestor.rpc} holds the failover pool.
 */
package io.chainwatch.ingestor;
