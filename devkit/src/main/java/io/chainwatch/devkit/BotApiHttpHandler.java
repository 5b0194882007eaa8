package io.chainwatch.devkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * HTTP front of the Bot API double: {@code /bot<token>/<method>} runs a Bot API method and answers in Telegram's
 * envelope ({@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":N,"description":...}}); paths under
 * {@code /control/} go to the {@link BotApiControl control API}. Thread-safe; each exchange runs on its own
 * (virtual) thread.
 */
final class BotApiHttpHandler implements HttpHandler {

    private final ObjectMapper json;
    private final String token;
    private final FakeTelegram telegram;
    private final FaultInjector faults;
    private final BotApiControl control;

    BotApiHttpHandler(ObjectMapper json, String token, FakeTelegram telegram, FaultInjector faults) {
        this.json = json;
        this.token = token;
        this.telegram = telegram;
        this.faults = faults;
        this.control = new BotApiControl(json, telegram);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = uri.getRawPath();
            if (path.startsWith("/control/")) {
                writeResult(exchange, control.handle(exchange.getRequestMethod(), path, uri.getRawQuery(), body));
            } else {
                writeResult(exchange, botApi(path, uri.getRawQuery(), exchange, body));
            }
        } catch (BotApiException e) {
            writeError(exchange, e.errorCode(), error(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (for example it timed out while the double was paused): nothing to answer
        } finally {
            exchange.close(); // after the catch blocks, which still answer on this exchange
        }
    }

    private JsonNode botApi(String path, String query, HttpExchange exchange, byte[] body)
            throws BotApiException, InterruptedException {
        int slash = path.indexOf('/', 1);
        if (!path.startsWith("/bot") || slash < 0 || slash == path.length() - 1) {
            throw new BotApiException(404, "Not Found");
        }
        if (!path.substring(4, slash).equals(token)) {
            throw new BotApiException(401, "Unauthorized");
        }
        faults.beforeCall();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        return telegram.call(BotApiRequest.parse(json, path.substring(slash + 1), query, contentType, body));
    }

    private ObjectNode error(BotApiException e) {
        ObjectNode error = json.createObjectNode()
                .put("ok", false)
                .put("error_code", e.errorCode())
                .put("description", e.description());
        if (!e.parameters().isEmpty()) {
            error.set("parameters", json.valueToTree(e.parameters()));
        }
        return error;
    }

    private void writeResult(HttpExchange exchange, JsonNode result) throws IOException {
        write(exchange, 200, json.writeValueAsBytes(json.createObjectNode().put("ok", true).set("result", result)));
    }

    private void writeError(HttpExchange exchange, int status, ObjectNode errorBody) {
        try {
            write(exchange, status, json.writeValueAsBytes(errorBody));
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static void write(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
