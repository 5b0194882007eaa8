package io.chainwatch.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the Bot API's JSON objects (User, Chat, Message, Update) the way Telegram shapes them. Chat types follow
 * the id: positive is a private chat, {@code -100...} (at or below {@value #SUPERGROUP_LIMIT}) a supergroup, other
 * negative ids a basic group. Thread-safe (stateless apart from the shared, thread-safe {@link ObjectMapper}).
 */
final class TelegramJson {

    static final String BOT_USERNAME = "chainwatch_test_bot";
    static final long SUPERGROUP_LIMIT = -1_000_000_000_000L;

    /** A leading bot command: {@code /name} with an optional {@code @botname}, as Telegram marks it. */
    private static final Pattern COMMAND = Pattern.compile("^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?");

    private final ObjectMapper json;
    private final long botId;

    TelegramJson(ObjectMapper json, long botId) {
        this.json = json;
        this.botId = botId;
    }

    ObjectMapper mapper() {
        return json;
    }

    ObjectNode bot() {
        return json.createObjectNode()
                .put("id", botId)
                .put("is_bot", true)
                .put("first_name", "chainwatch test bot")
                .put("username", BOT_USERNAME)
                .put("can_join_groups", true)
                .put("can_read_all_group_messages", false)
                .put("supports_inline_queries", false);
    }

    ObjectNode user(long userId) {
        return json.createObjectNode()
                .put("id", userId)
                .put("is_bot", false)
                .put("first_name", "User" + userId)
                .put("username", "user" + userId)
                .put("language_code", "en");
    }

    ObjectNode chat(long chatId) {
        ObjectNode chat = json.createObjectNode().put("id", chatId);
        if (chatId > 0) {
            return chat.put("type", "private").put("first_name", "User" + chatId).put("username", "user" + chatId);
        }
        return chat.put("type", chatId <= SUPERGROUP_LIMIT ? "supergroup" : "group")
                .put("title", "Group " + -chatId);
    }

    ObjectNode message(long chatId, int messageId, ObjectNode from, String text, String replyMarkup, Instant date) {
        ObjectNode message = json.createObjectNode().put("message_id", messageId);
        message.set("from", from);
        message.set("chat", chat(chatId));
        message.put("date", date.getEpochSecond());
        message.put("text", text);
        Matcher command = COMMAND.matcher(text);
        if (command.find()) {
            message.putArray("entities")
                    .addObject()
                    .put("offset", 0)
                    .put("length", command.end())
                    .put("type", "bot_command");
        }
        if (replyMarkup != null) {
            message.set("reply_markup", parse(replyMarkup));
        }
        return message;
    }

    ObjectNode update(long updateId, String kind, ObjectNode payload) {
        ObjectNode update = json.createObjectNode().put("update_id", updateId);
        update.set(kind, payload);
        return update;
    }

    JsonNode parse(String rawJson) {
        try {
            return json.readTree(rawJson);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + rawJson, e);
        }
    }
}
