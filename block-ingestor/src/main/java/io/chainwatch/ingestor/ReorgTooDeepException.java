package io.chainwatch.ingestor;

/**
 * A reorg whose common ancestor lies further below the reorg window than {@code CHAINWATCH_INGEST_MAX_RESYNC_DEPTH}
 * allows, or nowhere in what was published: the ingestor cannot make the topic describe the node's chain by itself,
 * so it publishes nothing and says so until an operator steps in.
 */
final class ReorgTooDeepException extends RuntimeException {

    ReorgTooDeepException(String message) {
        super(message);
    }
}
