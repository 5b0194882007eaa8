package io.chainwatch.ingestor;

/** Where a chain's ingestion stands, for health and logs. */
sealed interface IngestState {

    /** Connecting to Kafka and reading the cursor. */
    record Starting() implements IngestState {
    }

    /** Publishing; {@code cursor} is the last published block, {@code head} the best head seen. */
    record Following(long head, long cursor) implements IngestState {
    }

    /** Cannot make progress for now: the reason says what it waits for. */
    record Waiting(String reason) implements IngestState {
    }

    /** Another instance took over this chain; this one has stopped. */
    record Fenced(String reason) implements IngestState {
    }
}
