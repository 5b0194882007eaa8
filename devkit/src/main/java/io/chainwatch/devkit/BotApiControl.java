package io.chainwatch.devkit;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.chainwatch.devkit.BotApiDouble.SentMessage;

/**
 * A tiny JSON control API next to the Bot API, so a person can drive the double with curl:
 * <ul>
 * <li>{@code POST /control/updates {"chat_id":1,"text":"/start"}} - the user of private chat 1 sends a message
 * (add {@code "user_id"} for a group chat); answers the new message id;</li>
 * <li>{@code POST /control/callbacks {"chat_id":1,"message_id":5,"data":"unwatch:1"}} - the user presses an inline
 * button; answers the callback query id;</li>
 * <li>{@code GET /control/sent} or {@code GET /control/sent?chat_id=1} - what the bot sent (and edited), in order.</li>
 * </ul>
 * Answers use the Bot API envelope. Thread-safe (delegates to {@link FakeTelegram}).
 */
final class BotApiControl {

    private final ObjectMapper json;
    private final FakeTelegram telegram;

    BotApiControl(ObjectMapper json, FakeTelegram telegram) {
        this.json = json;
        this.telegram = telegram;
    }

    JsonNode handle(String httpMethod, String path, String query, byte[] body) throws BotApiException {
        return switch (httpMethod + " " + path) {
            case "POST /control/updates" -> {
                BotApiRequest request = request(query, body);
                long chatId = request.requiredLong("chat_id", "chat_id is empty");
                long userId = request.optionalLong("user_id", chatId);
                String text = request.string("text").orElseThrow(() -> BotApiException.badRequest("text is empty"));
                yield json.createObjectNode().put("message_id", telegram.userSends(chatId, userId, text));
            }
            case "POST /control/callbacks" -> {
                BotApiRequest request = request(query, body);
                long chatId = request.requiredLong("chat_id", "chat_id is empty");
                long userId = request.optionalLong("user_id", chatId);
                int messageId = (int) request.requiredLong("message_id", "message_id is empty");
                String data = request.string("data").orElse("");
                yield json.createObjectNode()
                        .put("callback_query_id", telegram.userPresses(chatId, userId, messageId, data));
            }
            case "GET /control/sent" -> sent(request(query, new byte[0]));
            default -> throw new BotApiException(404, "Not Found");
        };
    }

    private JsonNode sent(BotApiRequest request) throws BotApiException {
        List<SentMessage> messages = request.params().hasNonNull("chat_id")
                ? telegram.messagesTo(request.requiredLong("chat_id", "chat_id is empty"))
                : telegram.sentMessages();
        ArrayNode result = json.createArrayNode();
        for (SentMessage message : messages) {
            result.addObject()
                    .put("chat_id", message.chatId())
                    .put("message_id", message.messageId())
                    .put("text", message.text())
                    .put("parse_mode", message.parseMode())
                    .put("at", message.at().toString())
                    .put("edit", message.edit())
                    .put("reply_markup", message.replyMarkup())
                    .put("silent", message.silent());
        }
        return result;
    }

    private BotApiRequest request(String query, byte[] body) throws BotApiException {
        String contentType = body.length > 0 && body[0] == '{'
                ? "application/json"
                : "application/x-www-form-urlencoded";
        return BotApiRequest.parse(json, "control", query, contentType, body);
    }

}
