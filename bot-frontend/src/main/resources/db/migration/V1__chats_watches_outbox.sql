-- chainwatch bot front end: chats, their watches, per-chat settings and the transactional outbox.

CREATE TABLE chats (
    id                 BIGINT PRIMARY KEY,                  -- Telegram chat id
    type               TEXT        NOT NULL DEFAULT 'private',
    active             BOOLEAN     NOT NULL DEFAULT TRUE,   -- false once the bot was blocked or the chat is gone
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    activated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),  -- last time the chat (re)started talking to the bot
    deactivated_reason TEXT
);

CREATE TABLE watches (
    id            BIGSERIAL PRIMARY KEY,
    chat_id       BIGINT      NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    chain         TEXT        NOT NULL,
    target_type   TEXT        NOT NULL CHECK (target_type IN ('ADDRESS', 'TX')),
    value         TEXT        NOT NULL CHECK (value = lower(value)),
    label         TEXT        CHECK (char_length(label) <= 64),
    confirmations INT         CHECK (confirmations >= 0),   -- null: the chain's default
    filters       JSONB,                                    -- null: everything
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT watches_one_per_chat_and_key UNIQUE (chat_id, chain, target_type, value)
);

-- The relay reads every watcher of one key.
CREATE INDEX watches_by_key ON watches (chain, target_type, value);

CREATE TABLE chat_settings (
    chat_id       BIGINT NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    chain         TEXT   NOT NULL,
    confirmations INT    NOT NULL CHECK (confirmations >= 0),
    PRIMARY KEY (chat_id, chain)
);

-- One row per changed subscription key; the relay publishes the key's current watcher list, then sets published_at.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    sub_key      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
