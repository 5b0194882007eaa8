package io.chainwatch.bot.track;

/** Where a tracked transaction's story stands; the last four end it. */
public enum TrackPhase {
    /** No node has shown the hash yet: looked for until the chat's patience runs out. */
    LOOKING,
    /** In the node's pool, not mined. */
    PENDING,
    /** Was pending, then left the pool unmined (or its block was orphaned and it is not back in the pool). */
    GONE,
    /** In a canonical block, not final yet. */
    MINED,
    /** In a block at or below the chain's finalized one: nothing more will happen. */
    FINAL,
    /** Never seen in the time the bot kept looking. */
    NOT_FOUND,
    /** Left the pool and did not come back in time; its nonce is free again. */
    DROPPED,
    /** Its nonce was used by a transaction the bot could not find (too far back to search). */
    REPLACED;

    /** Whether the story is over: the message says so and the bot stops following it. */
    public boolean ended() {
        return this == FINAL || this == NOT_FOUND || this == DROPPED || this == REPLACED;
    }
}
