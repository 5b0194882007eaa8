package io.chainwatch.notifier.telegram;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.notifier.telegram.SendOutcome.ChatGone;
import io.chainwatch.notifier.telegram.SendOutcome.Delivered;
import io.chainwatch.notifier.telegram.SendOutcome.NotEditable;
import io.chainwatch.notifier.telegram.SendOutcome.Rejected;
import io.chainwatch.notifier.telegram.SendOutcome.RetryAfter;
import io.chainwatch.notifier.telegram.SendOutcome.Scope;
import io.chainwatch.notifier.telegram.SendOutcome.Transient;
import io.chainwatch.schema.ChatEventType;

/**
 * The one place that decides what a Bot API answer or a transport failure means for delivery. Stateless and
 * thread-safe.
 * <ul>
 * <li>200 with {@code ok:true}: {@link Delivered};</li>
 * <li>for an edit, 400 "message to edit not found" or "message can't be edited": {@link NotEditable}; 400 "message is
 * not modified": {@link Delivered} (see {@link #classifyEdit});</li>
 * <li>429: {@link RetryAfter} with {@code parameters.retry_after}; its scope is {@link Scope#CHAT} only when the
 * answer names a chat (a {@code parameters.chat_id} or a description about this chat or group), otherwise
 * {@link Scope#GLOBAL}, since Telegram's plain 429 does not say which limit was hit and pausing everything is the
 * safe reading;</li>
 * <li>400 with {@code parameters.migrate_to_chat_id}: {@link ChatGone} MIGRATED; 400 chat not found: DELETED;</li>
 * <li>403: {@link ChatGone} BLOCKED (blocked by the user, kicked from the group) or DELETED (user deactivated);</li>
 * <li>other 4xx (can't parse entities, message is too long, ...): {@link Rejected};</li>
 * <li>5xx, 401/404 (Telegram or its proxy misbehaving), unreadable answers, timeouts, refused connections and other
 * I/O failures: {@link Transient}.</li>
 * </ul>
 */
final class TelegramErrorClassifier {

    /** Used when a 429 carries no (valid) {@code retry_after}. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    SendOutcome classify(int status, JsonNode body) {
        String description = text(body, "description").orElse("HTTP " + status);
        JsonNode parameters = body == null ? null : body.get("parameters");
        if (status == 200 && body != null && body.path("ok").asBoolean(false)) {
            return new Delivered(body.path("result").path("message_id").asLong(0));
        }
        if (status == 429) {
            return new RetryAfter(namesChat(description, parameters) ? Scope.CHAT : Scope.GLOBAL, retryAfter(
                    parameters));
        }
        if (parameters != null && parameters.hasNonNull("migrate_to_chat_id")) {
            return new ChatGone(ChatEventType.MIGRATED, Optional.of(parameters.get("migrate_to_chat_id").asLong()),
                    description);
        }
        String lower = description.toLowerCase(Locale.ROOT);
        if (status == 403) {
            return new ChatGone(lower.contains("deactivated") ? ChatEventType.DELETED : ChatEventType.BLOCKED,
                    Optional.empty(), description);
        }
        if (status == 400 && lower.contains("chat not found")) {
            return new ChatGone(ChatEventType.DELETED, Optional.empty(), description);
        }
        if (status >= 400 && status < 500 && status != 401 && status != 404 && status != 408) {
            return new Rejected(description);
        }
        if (status == 200) {
            return new Transient("unreadable answer to sendMessage");
        }
        return new Transient(description);
    }

    /**
     * The answer to {@code editMessageText} of {@code messageId}: as {@link #classify(int, JsonNode)}, except that
     * "message is not modified" means an earlier attempt (whose answer or ledger write was lost) already made this
     * edit, so it is {@link Delivered}, and a message that is gone or can't be edited is {@link NotEditable}.
     */
    SendOutcome classifyEdit(int status, JsonNode body, long messageId) {
        if (status == 400) {
            String lower = text(body, "description").orElse("").toLowerCase(Locale.ROOT);
            if (lower.contains("message is not modified")) {
                return new Delivered(messageId);
            }
            if (lower.contains("message to edit not found") || lower.contains("message can't be edited")
                    || lower.contains("message_id_invalid")) {
                return new NotEditable(text(body, "description").orElse("HTTP 400"));
            }
        }
        return classify(status, body);
    }

    /** A failure before any answer arrived; the message is unchanged, so sending it again is right. */
    SendOutcome classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return new Transient("timeout: " + t.getMessage());
            }
            if (t instanceof ConnectException) {
                return new Transient("connection refused: " + t.getMessage());
            }
        }
        if (failure instanceof IOException) {
            return new Transient("I/O error: " + failure);
        }
        return new Transient("unexpected failure: " + failure);
    }

    private static boolean namesChat(String description, JsonNode parameters) {
        if (parameters != null && parameters.hasNonNull("chat_id")) {
            return true;
        }
        String lower = description.toLowerCase(Locale.ROOT);
        return lower.contains("chat") || lower.contains("group");
    }

    private static Duration retryAfter(JsonNode parameters) {
        if (parameters == null || !parameters.path("retry_after").canConvertToLong()) {
            return DEFAULT_RETRY_AFTER;
        }
        long seconds = parameters.path("retry_after").asLong();
        return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_RETRY_AFTER;
    }

    private static Optional<String> text(JsonNode body, String field) {
        return body == null || !body.hasNonNull(field) ? Optional.empty() : Optional.of(body.get(field).asText());
    }
}
