package io.chainwatch.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.chainwatch.demo.ChatTranscript.UserMessage;
import io.chainwatch.devkit.BotApiDouble;

/**
 * The chat page and its small JSON API, on 127.0.0.1 only:
 * <ul>
 * <li>{@code GET /} the page ({@code index.html}, {@code demo.css}, {@code demo.js});</li>
 * <li>{@code GET /api/state} the conversation ({@link ChatTranscript}), the watched addresses, the devnet's head and
 * the test transfers;</li>
 * <li>{@code POST /api/messages {"text":…}} the person sends a message to the bot;</li>
 * <li>{@code POST /api/callbacks {"message_id":…,"data":…}} the person presses an inline button;</li>
 * <li>{@code POST /api/transfers {"address":…,"direction":"in"|"out","eth":"1"}} a test transaction on anvil.</li>
 * </ul>
 * Requests must name this host as {@code localhost} or {@code 127.0.0.1} (no DNS rebinding), POSTs must be JSON (a
 * foreign page cannot send one without a CORS preflight this server never grants), and the page runs under a
 * Content-Security-Policy that allows no inline script. Thread-safe.
 */
final class DemoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
    static final int MAX_TEXT_LENGTH = 4096;
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> STATIC = Map.of("/", "index.html", "/index.html", "index.html",
            "/demo.css", "demo.css", "/demo.js", "demo.js");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BotApiDouble telegram;
    private final long chatId;
    private final TestTransfers transfers;
    private final LiveWatches watches;
    private final DevnetHead head;
    private final Clock clock;
    private final List<UserMessage> typed = new ArrayList<>();

    DemoServer(int port, BotApiDouble telegram, long chatId, TestTransfers transfers, LiveWatches watches,
            DevnetHead head, Clock clock) {
        this.telegram = telegram;
        this.chatId = chatId;
        this.transfers = transfers;
        this.watches = watches;
        this.head = head;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the demo page on port " + port
                    + " (set CHAINWATCH_DEMO_PORT or --port to another one)", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!isLocalHost(exchange.getRequestHeaders().getFirst("Host"))) {
                reply(exchange, 403, "text/plain", "forbidden host");
            } else if ("GET".equals(method) && STATIC.containsKey(path)) {
                serveStatic(exchange, STATIC.get(path));
            } else if ("GET".equals(method) && "/api/state".equals(path)) {
                replyJson(exchange, 200, state());
            } else if ("POST".equals(method) && path.startsWith("/api/")) {
                post(exchange, path);
            } else {
                reply(exchange, 404, "text/plain", "not found");
            }
        } catch (RuntimeException e) {
            LOG.warn("Demo request {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
            replyJson(exchange, 500, error("something went wrong: " + e.getMessage()));
        }
    }

    private void post(HttpExchange exchange, String path) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            replyJson(exchange, 415, error("send JSON"));
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = json.readTree(in.readNBytes(64 * 1024));
        } catch (IOException e) {
            replyJson(exchange, 400, error("malformed JSON"));
            return;
        }
        try {
            JsonNode answer = switch (path) {
                case "/api/messages" -> sendMessage(body.path("text").asText(""));
                case "/api/callbacks" -> json.createObjectNode().put("callback_query_id", telegram.userPresses(
                        chatId, body.path("message_id").asInt(), body.path("data").asText("")));
                case "/api/transfers" -> json.valueToTree(transfers.send(body.path("address").asText(null),
                        "out".equals(body.path("direction").asText())
                                ? TestTransfers.Direction.OUT
                                : TestTransfers.Direction.IN,
                        body.path("eth").asText("1")));
                default -> null;
            };
            if (answer == null) {
                replyJson(exchange, 404, error("not found"));
            } else {
                replyJson(exchange, 200, answer);
            }
        } catch (IllegalArgumentException e) {
            replyJson(exchange, 400, error(e.getMessage()));
        }
    }

    private JsonNode sendMessage(String text) {
        if (text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("a message has 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        synchronized (typed) {
            // recorded before the bot can answer, so the answer is never shown above the question
            typed.add(new UserMessage(typed.size() + 1, text, clock.instant()));
            telegram.userSends(chatId, text);
        }
        return json.createObjectNode().put("ok", true);
    }

    private ObjectNode state() {
        List<UserMessage> snapshot;
        synchronized (typed) {
            snapshot = List.copyOf(typed);
        }
        ObjectNode state = json.createObjectNode();
        state.put("chatId", chatId).put("bot", "@" + BotApiDouble.BOT_USERNAME);
        state.set("messages", json.valueToTree(ChatTranscript.of(snapshot, telegram.messagesTo(chatId))));
        state.set("watched", json.valueToTree(watches.addresses()));
        state.set("accounts", json.valueToTree(transfers.accounts()));
        state.set("transfers", json.valueToTree(transfers.sent()));
        state.put("block", head.number());
        state.put("rpcUrl", head.rpcUrl());
        return state;
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("error", message);
    }

    private void serveStatic(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = DemoServer.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                reply(exchange, 404, "text/plain", "not found");
                return;
            }
            String type = name.endsWith(".css")
                    ? "text/css"
                    : name.endsWith(".js") ? "text/javascript" : "text/html";
            reply(exchange, 200, type + "; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static boolean isLocalHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    private void replyJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        reply(exchange, status, "application/json", json.writeValueAsString(body));
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
