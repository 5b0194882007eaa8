-- /settings min all $100: a chain's minimum may be in US dollars instead of the chain's coin. The notifier applies it
-- to every amount it can price (native coins and tokens with a price feed); an amount without a price is reported.
-- A chain has one minimum or none, never both kinds.

ALTER TABLE chat_settings
    ADD COLUMN min_usd NUMERIC(14, 2) CHECK (min_usd > 0),                              -- null: no dollar minimum
    ADD CONSTRAINT chat_settings_one_minimum CHECK (min_native_wei IS NULL OR min_usd IS NULL);
