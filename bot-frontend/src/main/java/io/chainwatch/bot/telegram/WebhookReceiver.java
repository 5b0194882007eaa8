package io.chainwatch.bot.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.bot.store.BotErrors;
import io.chainwatch.bot.store.Database;

/**
 * The webhook's logic without HTTP: checks the secret header (in constant time, before reading anything), reads the
 * update, claims its {@code update_id} in Postgres so that a redelivery is handled once across all instances, and
 * hands the update to the same pipeline as long polling. A claimed update whose handling then dies with the process
 * is not handled again (at most once: a command typed again is cheap, a doubled one confuses). Thread-safe.
 */
public final class WebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    /** Telegram retries an undelivered update for up to 24 hours; ids are remembered comfortably longer. */
    static final Duration REMEMBER = Duration.ofDays(3);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper().configure(
            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final byte[] secret;
    private final Database database;
    private final Consumer<Update> pipeline;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    public WebhookReceiver(String secret, Database database, Consumer<Update> pipeline, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.database = database;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    public WebhookOutcome receive(String secretHeader, String body) {
        if (secretHeader == null || !MessageDigest.isEqual(secret, secretHeader.getBytes(StandardCharsets.UTF_8))) {
            return new WebhookOutcome.Forbidden();
        }
        Update update;
        try {
            update = JSON.readValue(body == null ? "" : body, Update.class);
        } catch (Exception e) {
            return new WebhookOutcome.Malformed("not a Telegram update: " + e.getClass().getSimpleName());
        }
        if (update == null || update.getUpdateId() == null) {
            return new WebhookOutcome.Malformed("no update_id");
        }
        long id = update.getUpdateId();
        try {
            if (!claim(id)) {
                return new WebhookOutcome.Duplicate(id);
            }
        } catch (RuntimeException e) {
            if (BotErrors.classify(e) == BotErrors.Kind.RETRIABLE) {
                LOG.warn("Database unavailable; update {} is left for Telegram to retry: {}", id, BotErrors.describe(
                        e));
                return new WebhookOutcome.Unavailable();
            }
            throw e;
        }
        pipeline.accept(update);
        purgeNowAndThen();
        return new WebhookOutcome.Accepted(id);
    }

    private boolean claim(long updateId) {
        return database.jdbi().withHandle(h -> h.createUpdate("""
                INSERT INTO telegram_updates (update_id)
                VALUES (:id)
                ON CONFLICT (update_id)
                DO NOTHING""").bind("id", updateId).execute()) == 1;
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        try {
            int purged = database.jdbi().withHandle(h -> h.createUpdate(
                    "DELETE FROM telegram_updates WHERE received_at < :before").bind("before",
                            java.sql.Timestamp.from(
                                    now.minus(REMEMBER)))
                    .execute());
            if (purged > 0) {
                LOG.debug("Forgot {} webhook update ids older than {}", purged, REMEMBER);
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot purge old webhook update ids: {}", BotErrors.describe(e));
        }
    }
}
