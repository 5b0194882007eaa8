package io.chainwatch.devkit.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JSON-RPC node over HTTP and WebSocket that serves a {@link ReplayChain} (generated once) or a
 * {@link LiveReplayChain} (growing while served) from memory, as fast as a client reads: the calls the ingestor
 * makes ({@code eth_chainId}, {@code eth_blockNumber}, {@code eth_getBlockByNumber} and {@code eth_getBlockByHash}
 * with full transactions or hashes, {@code eth_getBlockReceipts} by number or hash,
 * {@code eth_getTransactionReceipt}), single or batched, and what the other services ask a node besides blocks:
 * {@code eth_call} of {@code symbol()}, {@code name()} and {@code decimals()} on a live chain's tokens answered as an
 * ERC-20 answers, any other {@code eth_call} {@code 0x} (an address without code), {@code eth_getCode},
 * {@code eth_gasPrice}. Each block answer is the chain's pre-serialised bytes with the request's id around them; any
 * other method is refused as geth refuses it ({@code -32601 ... does not exist}), so the ingestor learns that this
 * node does not trace, and counted per method ({@link #refused()}): in a soak, a refused method is a finding.
 * <p>
 * {@link #wsUrl()} speaks the same calls over a WebSocket, and {@code eth_subscribe("newHeads")} /
 * {@code eth_unsubscribe} there: each head a live chain appends is pushed to every subscription as geth pushes it,
 * {@code {"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0x…","result":{header}}}}. For
 * benchmarks: the node should not be what is measured.
 */
public final class ReplayNode implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final String SYMBOL = "0x95d89b41";
    private static final String NAME = "0x06fdde03";
    private static final String DECIMALS = "0x313ce567";
    /** Code at a token's address for eth_getCode: not the contract's, but not empty either. */
    private static final String TOKEN_CODE = "0x6080604052600080fdfea164736f6c6343000818000a";

    private final ReplayChain chain;
    private final LiveReplayChain live;
    private final ReplayChain.View view;
    private final HttpServer server;
    private final ExecutorService executor;
    private final WebSocketEndpoint websocket;
    private final ExecutorService pusher;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong subscriptionIds = new AtomicLong(0x1c0ffee);
    private final AtomicLong headsPushed = new AtomicLong();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    /** Subscription id → its socket. */
    private final Map<String, WebSocketEndpoint.Connection> newHeads = new ConcurrentHashMap<>();

    private ReplayNode(ReplayChain chain, LiveReplayChain live, ReplayChain.View view, int threads) {
        this.chain = chain;
        this.live = live;
        this.view = view;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            this.executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("replay-node-",
                    0).factory());
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            this.pusher = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("replay-ws-push")
                    .factory());
            this.websocket = new WebSocketEndpoint(new WebSocketEndpoint.Handler() {
                @Override
                public void message(WebSocketEndpoint.Connection connection, byte[] text) {
                    onSocketMessage(connection, text);
                }

                @Override
                public void closed(WebSocketEndpoint.Connection connection) {
                    newHeads.values().removeIf(c -> c == connection);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
    }

    /** Serves {@code chain} on a free local port with {@code threads} handler threads. */
    public static ReplayNode start(ReplayChain chain, int threads) {
        return new ReplayNode(chain, null, chain.view(), threads);
    }

    /** Serves {@code chain} as it grows; each head it appends is pushed to {@code newHeads} subscribers. */
    public static ReplayNode start(LiveReplayChain chain, int threads) {
        ReplayNode node = new ReplayNode(null, chain, chain.view(), threads);
        chain.onHead(node::pushHead);
        return node;
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The WebSocket endpoint: the same calls, and {@code eth_subscribe("newHeads")}. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + websocket.port();
    }

    /** The generated chain served; a node of a live chain has none. */
    public ReplayChain chain() {
        if (chain == null) {
            throw new IllegalStateException("this node serves a live chain: liveChain()");
        }
        return chain;
    }

    /** The live chain served; a node of a generated chain has none. */
    public LiveReplayChain liveChain() {
        if (live == null) {
            throw new IllegalStateException("this node serves a generated chain: chain()");
        }
        return live;
    }

    /** JSON-RPC calls answered so far (each call of a batch counts, over http and the socket). */
    public long calls() {
        return calls.get();
    }

    /** Calls refused so far, by method: unknown methods, and subscriptions other than newHeads ("eth_subscribe x"). */
    public Map<String, Long> refused() {
        Map<String, Long> counts = new TreeMap<>();
        refused.forEach((method, n) -> counts.put(method, n.sum()));
        return counts;
    }

    /** {@code newHeads} subscriptions open now. */
    public int headSubscriptions() {
        return newHeads.size();
    }

    /** Heads pushed so far, one per subscription per head. */
    public long headsPushed() {
        return headsPushed.get();
    }

    private void pushHead(byte[] header) {
        if (newHeads.isEmpty()) {
            return;
        }
        pusher.execute(() -> newHeads.forEach((id, connection) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + 100);
            out.writeBytes(("{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\""
                    + id + "\",\"result\":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(header);
            out.writeBytes("}}".getBytes(StandardCharsets.US_ASCII));
            if (connection.send(out.toByteArray())) {
                headsPushed.incrementAndGet();
            } else {
                newHeads.remove(id);
            }
        }));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            send(exchange, 200, answerAll(in.readAllBytes(), null));
        }
    }

    private void onSocketMessage(WebSocketEndpoint.Connection connection, byte[] text) {
        connection.send(answerAll(text, connection));
    }

    /** The answer to a request, single or batched; {@code connection} null over http (no subscriptions). */
    private byte[] answerAll(byte[] body, WebSocketEndpoint.Connection connection) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return error("null", -32700, "parse error");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        if (request != null && request.isArray()) {
            out.write('[');
            for (int i = 0; i < request.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                answer(request.get(i), out, connection);
            }
            out.write(']');
        } else if (request != null && request.isObject()) {
            answer(request, out, connection);
        } else {
            out.writeBytes(error("null", -32600, "invalid request"));
        }
        return out.toByteArray();
    }

    private void answer(JsonNode call, ByteArrayOutputStream out, WebSocketEndpoint.Connection connection) {
        calls.incrementAndGet();
        String id = call.path("id").isMissingNode() ? "null" : call.get("id").toString();
        String method = call.path("method").asText("");
        JsonNode params = call.path("params");
        byte[] result;
        try {
            result = switch (method) {
                case "eth_chainId" -> quoted("0x" + Long.toHexString(view.chainId()));
                case "net_version" -> quoted(Long.toString(view.chainId()));
                case "eth_blockNumber" -> quoted("0x" + Long.toHexString(view.head()));
                case "eth_getBlockByNumber" -> block(byNumber(params.path(0).asText()), params.path(1).asBoolean());
                case "eth_getBlockByHash" -> block(view.byHash(lower(params.path(0).asText())), params.path(1)
                        .asBoolean());
                case "eth_getBlockReceipts" -> {
                    String which = params.path(0).asText();
                    Optional<ReplayChain.Block> block = which.length() == 66
                            ? view.byHash(lower(which))
                            : byNumber(which);
                    yield block.map(ReplayChain.Block::receipts).orElse(NULL);
                }
                case "eth_getTransactionReceipt" -> view.receipt(lower(params.path(0).asText())).orElse(NULL);
                case "eth_call" -> quoted(ethCall(lower(params.path(0).path("to").asText("")), lower(params.path(0)
                        .path(params.path(0).has("input") ? "input" : "data").asText("0x"))));
                case "eth_getCode" -> quoted(token(lower(params.path(0).asText(""))).isPresent() ? TOKEN_CODE : "0x");
                case "eth_gasPrice" -> quoted("0x3b9aca00");
                case "eth_subscribe" -> subscribe(params, connection);
                case "eth_unsubscribe" -> {
                    String sub = params.path(0).asText("");
                    yield (connection != null && newHeads.remove(sub, connection) ? "true" : "false").getBytes(
                            StandardCharsets.US_ASCII);
                }
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            out.writeBytes(error(id, -32602, "invalid argument: " + e.getMessage()));
            return;
        } catch (Refusal e) {
            refused.computeIfAbsent(e.what, k -> new LongAdder()).increment();
            out.writeBytes(error(id, e.code, e.getMessage()));
            return;
        }
        if (result == null) {
            refused.computeIfAbsent(method, k -> new LongAdder()).increment();
            out.writeBytes(error(id, -32601, "the method " + method + " does not exist/is not available"));
            return;
        }
        out.writeBytes(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(result);
        out.write('}');
    }

    /** A call refused with a code other than "no such method", counted under {@code what}. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String what;
        final int code;

        Refusal(String what, int code, String message) {
            super(message, null, false, false);
            this.what = what;
            this.code = code;
        }
    }

    private byte[] subscribe(JsonNode params, WebSocketEndpoint.Connection connection) {
        String kind = params.path(0).asText("");
        if (connection == null) {
            throw new Refusal("eth_subscribe over http", -32601, "notifications not supported");
        }
        if (!kind.equals("newHeads")) {
            throw new Refusal("eth_subscribe " + kind, -32602, "no \"" + kind + "\" subscription in this node");
        }
        String id = "0x" + Long.toHexString(subscriptionIds.incrementAndGet());
        newHeads.put(id, connection);
        return quoted(id);
    }

    /** What {@code data} on {@code to} returns: a token's metadata, else empty as from an address without code. */
    private String ethCall(String to, String data) {
        Optional<LiveReplayChain.Token> token = token(to);
        if (token.isEmpty() || data.length() < 10) {
            return "0x";
        }
        return switch (data.substring(0, 10)) {
            case SYMBOL -> abiString(token.get().symbol());
            case NAME -> abiString(token.get().name());
            case DECIMALS -> "0x" + Shapes.pad(Integer.toHexString(token.get().decimals()));
            default -> "0x";
        };
    }

    private Optional<LiveReplayChain.Token> token(String address) {
        return live == null ? Optional.empty() : live.token(address);
    }

    /** An ABI-encoded {@code string}: offset, length, the bytes padded to a word. */
    static String abiString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder hex = new StringBuilder("0x").append(Shapes.pad("20")).append(Shapes.pad(Integer.toHexString(
                bytes.length)));
        StringBuilder data = new StringBuilder();
        for (byte b : bytes) {
            data.append(String.format("%02x", b));
        }
        int words = (bytes.length + 31) / 32;
        data.append("0".repeat(words * 64 - data.length()));
        return hex.append(data).toString();
    }

    private Optional<ReplayChain.Block> byNumber(String tag) {
        return switch (tag) {
            case "latest", "pending", "safe", "finalized" -> view.byNumber(view.head());
            case "earliest" -> view.byNumber(0);
            default -> {
                if (!tag.startsWith("0x") || tag.length() < 3) {
                    throw new IllegalArgumentException("block number " + tag);
                }
                yield view.byNumber(Long.parseLong(tag.substring(2), 16));
            }
        };
    }

    private static byte[] block(Optional<ReplayChain.Block> block, boolean full) {
        return block.map(b -> full ? b.full() : b.header()).orElse(NULL);
    }

    private static byte[] quoted(String value) {
        return ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String id, int code, String message) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":"
                + JSON.valueToTree(message) + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String lower(String hex) {
        return hex.toLowerCase(Locale.ROOT);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        websocket.close();
        server.stop(0);
        executor.shutdownNow();
        pusher.shutdownNow();
    }
}
