-- /track's transactions, followed by the bot itself (io.chainwatch.bot.track.Tracker): their life depends on the
-- nodes' pools (pending, replaced, dropped) and on blocks from before the command, which no block event shows. One row
-- per /track watch, whose chat it tells (a group that migrates takes its watches along); removing the watch (/untrack,
-- the list's button, the end of the story) ends the tracking.
CREATE TABLE tracked_txs (
    watch_id       BIGINT PRIMARY KEY REFERENCES watches (id) ON DELETE CASCADE,
    chain          TEXT           NOT NULL,
    hash           TEXT           NOT NULL CHECK (hash = lower(hash)),
    message_id     BIGINT,                                   -- the message that tells the story, once sent
    phase          TEXT           NOT NULL,                  -- TrackPhase
    since          TIMESTAMPTZ    NOT NULL,                  -- when the chat asked
    changed_at     TIMESTAMPTZ    NOT NULL,                  -- when the phase last changed
    sender         TEXT,
    nonce          BIGINT,
    to_address     TEXT,
    value          NUMERIC(78, 0) NOT NULL DEFAULT 0,
    block          BIGINT,
    block_hash     TEXT,
    replacement    TEXT,                                     -- the transaction that took its nonce
    replaced_how   TEXT,                                     -- Tracked.How
    orphaned_block BIGINT,
    shown          TEXT,                                     -- what the message says now
    next_check     TIMESTAMPTZ    NOT NULL                   -- also a lease: a bot instance that claims a row moves it
);

CREATE INDEX tracked_txs_due ON tracked_txs (next_check);

-- Transactions tracked before this version were followed by the matcher. The bot takes them over, marked by an empty
-- 'shown': one already mined by now was announced by the matcher (or predates its watch) and ends without a word; any
-- other gets its news as a new message. The outbox publishes their keys once more, as tombstones, so the matcher
-- forgets them.
INSERT INTO tracked_txs (watch_id, chain, hash, phase, since, changed_at, shown, next_check)
SELECT id, chain, value, 'LOOKING', now(), now(), '', now() FROM watches WHERE target_type = 'TX';

INSERT INTO outbox (sub_key)
SELECT DISTINCT chain || ':tx:' || value FROM watches WHERE target_type = 'TX';
