-- Webhook mode: every update id handled, so a redelivered update (Telegram retries until it gets a 200, possibly
-- at another instance) is acknowledged and not handled twice. Rows older than a few days are purged: Telegram keeps
-- undelivered updates for 24 hours.
CREATE TABLE telegram_updates (
    update_id   BIGINT PRIMARY KEY,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX telegram_updates_by_age ON telegram_updates (received_at);
