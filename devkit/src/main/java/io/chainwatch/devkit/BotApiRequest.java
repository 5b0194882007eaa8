package io.chainwatch.devkit;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameters of one Bot API call, merged from the query string and the body (JSON or
 * {@code application/x-www-form-urlencoded}), with Telegram's lenient typing: {@code "42"} and {@code 42} are the
 * same number, and a JSON-valued parameter may arrive as an object or as a string holding JSON. Immutable.
 */
record BotApiRequest(String method, ObjectNode params) {

    static BotApiRequest parse(ObjectMapper json, String method, String query, String contentType, byte[] body)
            throws BotApiException {
        ObjectNode params = json.createObjectNode();
        addForm(params, query);
        String type = contentType == null ? "" : contentType.toLowerCase();
        if (body.length > 0 && type.startsWith("application/json")) {
            try {
                JsonNode node = json.readTree(body);
                if (!(node instanceof ObjectNode object)) {
                    throw BotApiException.badRequest("request body must be a JSON object");
                }
                params.setAll(object);
            } catch (IOException e) {
                throw BotApiException.badRequest("can't parse JSON object");
            }
        } else if (body.length > 0 && type.startsWith("application/x-www-form-urlencoded")) {
            addForm(params, new String(body, StandardCharsets.UTF_8));
        } else if (body.length > 0) {
            throw BotApiException.badRequest("unsupported content type " + contentType);
        }
        return new BotApiRequest(method, params);
    }

    private static void addForm(ObjectNode params, String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
    }

    Optional<String> string(String name) {
        JsonNode node = params.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    /** A number parameter; throws {@code 400 Bad Request: <missing>} when absent or not a number. */
    long requiredLong(String name, String missing) throws BotApiException {
        JsonNode node = params.get(name);
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            throw BotApiException.badRequest(missing);
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        try {
            return Long.parseLong(node.asText().strip());
        } catch (NumberFormatException e) {
            throw BotApiException.badRequest(name.equals("chat_id") ? "chat not found" : missing);
        }
    }

    long optionalLong(String name, long defaultValue) throws BotApiException {
        return params.hasNonNull(name) ? requiredLong(name, "wrong parameter " + name) : defaultValue;
    }

    /**
     * A boolean parameter ({@code true}/{@code false}, as JSON or text); throws {@code 400 Bad Request: wrong
     * parameter <name>} for anything else.
     */
    boolean optionalBoolean(String name, boolean defaultValue) throws BotApiException {
        JsonNode node = params.get(name);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return switch (node.asText().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw BotApiException.badRequest("wrong parameter " + name);
        };
    }

    /** A JSON-valued parameter (reply_markup, commands) as raw JSON text, or null when absent. */
    String rawJson(String name) {
        JsonNode node = params.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
