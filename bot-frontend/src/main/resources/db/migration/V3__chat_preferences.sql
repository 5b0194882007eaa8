-- /settings beyond confirmations. What a chat wants to hear about, when alerts arrive without sound and whether
-- suspected spam is hidden are chat-wide (columns of chats); the minimum value of a native transfer is per chain, in
-- the chain's smallest unit (wei), next to the chain's confirmations. The outbox relay turns them into each watcher's
-- WatchFilters when it publishes a key, so changing a setting only has to enqueue the chat's keys.

ALTER TABLE chats
    ADD COLUMN native_transfers BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN tokens           BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN nfts             BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN incoming         BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN outgoing         BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN hide_spam        BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN quiet_hours      TEXT CHECK (char_length(quiet_hours) <= 64),  -- QuietHours.text(), null: none
    ADD CONSTRAINT chats_hear_something CHECK ((native_transfers OR tokens OR nfts) AND (incoming OR outgoing));

-- A row may now hold only a minimum (confirmations null: the chain's default).
ALTER TABLE chat_settings
    ALTER COLUMN confirmations DROP NOT NULL,
    ADD COLUMN min_native_wei NUMERIC(78, 0) CHECK (min_native_wei > 0);               -- null: no minimum
