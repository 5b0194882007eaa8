package io.chainwatch.notifier.telegram;

import java.time.Duration;
import java.util.Optional;

import io.chainwatch.schema.ChatEventType;

/**
 * What became of one {@code sendMessage} or {@code editMessageText} call, as decided by {@link TelegramErrorClassifier}. Every way a send can end
 * is one of these records, so the delivery loop handles each explicitly.
 */
public sealed interface SendOutcome {

    /** Telegram accepted the message. */
    record Delivered(long messageId) implements SendOutcome {
    }

    /** Telegram answered 429: nothing may be sent to {@code scope} before {@code retryAfter} has passed. */
    record RetryAfter(Scope scope, Duration retryAfter) implements SendOutcome {
    }

    /** Worth trying again later (5xx, timeout, connection refused): the chat backs off 1, 2, 4 ... 30 s. */
    record Transient(String reason) implements SendOutcome {
    }

    /**
     * An edit cannot be made: the message was deleted, is too old or otherwise can't be edited (400 "message to edit
     * not found", "message can't be edited"). The notifier sends a new message instead.
     */
    record NotEditable(String reason) implements SendOutcome {
    }

    /** Telegram refused this message for good (bad HTML, too long, other 400): dead-lettered, never retried. */
    record Rejected(String reason) implements SendOutcome {
    }

    /**
     * The chat is gone (bot blocked or kicked, chat deleted) or moved ({@link ChatEventType#MIGRATED} with the new
     * chat id, to which the alert is re-sent).
     */
    record ChatGone(ChatEventType type, Optional<Long> newChatId, String reason) implements SendOutcome {
    }

    /** Who a 429 applies to. */
    enum Scope {
        /** Only the chat the message was for. */
        CHAT,
        /** The whole bot: every chat waits. */
        GLOBAL
    }
}
