package io.chainwatch.ingestor;

import io.chainwatch.schema.BlockEvent;

/**
 * A block read from a node, already mapped to its APPLIED event.
 *
 * @param number block number
 * @param hash block hash
 * @param parentHash parent's hash, checked against the cursor to detect reorgs
 * @param event the APPLIED event to publish
 */
record FetchedBlock(long number, String hash, String parentHash, BlockEvent event) {
}
