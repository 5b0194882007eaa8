package io.chainwatch.bot.track;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.bot.track.TrackPolicy.Seen;

/**
 * The first look at a transaction a chat asks about, at once, while the chat waits: its answer says how it stands, and
 * unless the story is already over the transaction is handed to the {@link Tracker} with that answer as its message.
 * A node that does not answer in time is no error: the transaction is then looked for like one no node has seen yet.
 * Thread-safe.
 */
public final class Tracking {

    private static final Logger LOG = LoggerFactory.getLogger(Tracking.class);

    /**
     * What {@code /track} says and keeps.
     *
     * @param tracked the transaction's state after the first look; nothing is kept when its story has ended
     * @param text the answer
     */
    public record Answer(Tracked tracked, String text) {
        /** Whether the tracker follows it on (and the watch stays). */
        public boolean kept() {
            return !tracked.phase().ended();
        }
    }

    private final TrackedStore store;
    private final Tracker.Nodes nodes;
    private final Tracker.Story story;
    private final Tracker.Pace pace;

    public Tracking(TrackedStore store, Tracker.Nodes nodes, Tracker.Story story, Tracker.Pace pace) {
        this.store = store;
        this.nodes = nodes;
        this.story = story;
        this.pace = pace;
    }

    /** Looks {@code hash} up for the watch {@code watchId} just added, and keeps it unless its story is over. */
    public Answer first(long watchId, long chatId, String chain, String hash, Instant now) {
        Tracked tracked = Tracked.asked(watchId, chatId, chain, hash, now);
        Optional<TxStatus> latest = Optional.empty();
        try {
            TxStatus status = TxLookup.lookup(nodes.ask(chain), hash);
            if (!(status instanceof TxStatus.Unknown)) {
                latest = Optional.of(status);
                tracked = TrackPolicy.next(tracked, new Seen(status), now, pace.patience());
            }
        } catch (IOException e) {
            LOG.info("First look at {} on {} failed ({}); the tracker keeps looking", hash, chain, e.getMessage());
        }
        String text = story.tell(tracked, latest);
        if (!tracked.phase().ended()) {
            store.insert(tracked, text, pace.next(tracked.phase(), now));
        }
        return new Answer(tracked, text);
    }

    /** The answer went out as message {@code messageId}: the tracker edits that one. */
    public void answered(long watchId, long messageId) {
        store.answered(watchId, messageId);
    }
}
