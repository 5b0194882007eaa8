package io.chainwatch.matcher;

/**
 * What the matcher remembers of one alert identity ({@code chain:tx:chat:kind#logIndex}): held, sent or orphaned,
 * with the generation of its latest announcement and the block it came from. Stored as a short string so that the
 * store needs no extra schema: {@code S|generation|blockNumber|blockHash|releaseAt|atMillis}.
 *
 * @param generation the generation of the pending or sent alert; for {@link State#ORPHANED} the next one
 * @param blockHash the block the alert was held or sent for; for {@link State#ORPHANED} the orphaned block
 * @param releaseAt height at which a pending alert is released, 0 otherwise
 * @param atMillis wall-clock time of the last change, for the TTL purge
 */
record DedupEntry(State state, int generation, long blockNumber, String blockHash, long releaseAt, long atMillis) {

    enum State {
        /** Held until its block is deep enough. */
        PENDING,
        /** Announced; a replay must not announce it again. */
        SENT,
        /** Announced and then orphaned; a re-inclusion in another block is announced with the next generation. */
        ORPHANED
    }

    String encode() {
        return state.name().charAt(0) + "|" + generation + "|" + blockNumber + "|" + blockHash + "|" + releaseAt + "|"
                + atMillis;
    }

    static DedupEntry decode(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split("\\|", -1);
        State state = switch (parts[0]) {
            case "P" -> State.PENDING;
            case "S" -> State.SENT;
            case "O" -> State.ORPHANED;
            default -> throw new IllegalArgumentException("unknown dedup state in '" + text + "'");
        };
        return new DedupEntry(state, Integer.parseInt(parts[1]), Long.parseLong(parts[2]), parts[3], Long.parseLong(
                parts[4]), Long.parseLong(parts[5]));
    }
}
