package io.chainwatch.devkit;

import java.util.Map;

/**
 * An error answer of the Bot API double: the HTTP status, which Telegram repeats as {@code error_code}, the
 * {@code description} and the optional {@code parameters} ({@code retry_after}, {@code migrate_to_chat_id}).
 */
final class BotApiException extends Exception {

    private final int errorCode;
    private final transient Map<String, Object> parameters;

    BotApiException(int errorCode, String description) {
        this(errorCode, description, Map.of());
    }

    BotApiException(int errorCode, String description, Map<String, Object> parameters) {
        super(description, null, false, false);
        this.errorCode = errorCode;
        this.parameters = Map.copyOf(parameters);
    }

    static BotApiException badRequest(String reason) {
        return new BotApiException(400, "Bad Request: " + reason);
    }

    static BotApiException tooManyRequests(long retryAfterSeconds) {
        return new BotApiException(429, "Too Many Requests: retry after " + retryAfterSeconds,
                Map.of("retry_after", retryAfterSeconds));
    }

    /** The answer Telegram gives for an HTTP status when the fault is on its side (used by fault injection). */
    static BotApiException forStatus(int status) {
        return switch (status) {
            case 400 -> badRequest("injected failure");
            case 401 -> new BotApiException(401, "Unauthorized");
            case 403 -> new BotApiException(403, "Forbidden: injected failure");
            case 404 -> new BotApiException(404, "Not Found");
            case 409 -> new BotApiException(409, "Conflict: injected failure");
            case 429 -> tooManyRequests(1);
            case 500 -> new BotApiException(500, "Internal Server Error");
            case 502 -> new BotApiException(502, "Bad Gateway");
            case 503 -> new BotApiException(503, "Service Unavailable");
            case 504 -> new BotApiException(504, "Gateway Timeout");
            default -> new BotApiException(status, "Error " + status);
        };
    }

    int errorCode() {
        return errorCode;
    }

    String description() {
        return getMessage();
    }

    Map<String, Object> parameters() {
        return parameters;
    }
}
