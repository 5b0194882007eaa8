package io.chainwatch.bot.telegram;

/** What became of one webhook request; the HTTP layer turns it into a status code ({@link #httpStatus()}). */
public sealed interface WebhookOutcome {

    int httpStatus();

    /** A new update, handed to the command pipeline. */
    record Accepted(long updateId) implements WebhookOutcome {
        @Override
        public int httpStatus() {
            return 200;
        }
    }

    /** An update already handled (by this or another instance): acknowledged, nothing done. */
    record Duplicate(long updateId) implements WebhookOutcome {
        @Override
        public int httpStatus() {
            return 200;
        }
    }

    /** The secret header is missing or wrong: nothing was read. */
    record Forbidden() implements WebhookOutcome {
        @Override
        public int httpStatus() {
            return 403;
        }
    }

    /** Not a Telegram update. */
    record Malformed(String reason) implements WebhookOutcome {
        @Override
        public int httpStatus() {
            return 400;
        }
    }

    /** Postgres is down: Telegram retries later. */
    record Unavailable() implements WebhookOutcome {
        @Override
        public int httpStatus() {
            return 503;
        }
    }

    /** The bot runs with long polling, or waits for a token. */
    record NotEnabled() implements WebhookOutcome {
        @Override
        public int httpStatus() {
            return 404;
        }
    }
}
