package io.chainwatch.devkit.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JSON-RPC node over HTTP that serves a {@link ReplayChain} from memory, as fast as a client reads: the calls the
 * ingestor makes ({@code eth_chainId}, {@code eth_blockNumber}, {@code eth_getBlockByNumber} and
 * {@code eth_getBlockByHash} with full transactions or hashes, {@code eth_getBlockReceipts} by number or hash,
 * {@code eth_getTransactionReceipt}), single or batched. Each answer is the chain's pre-serialised bytes with the
 * request's id around them; any other method is refused as geth refuses it ({@code -32601 ... does not exist}), so
 * the ingestor learns that this node does not trace. For benchmarks: the node should not be what is measured.
 */
public final class ReplayNode implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final ReplayChain chain;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong calls = new AtomicLong();

    private ReplayNode(ReplayChain chain, HttpServer server, ExecutorService executor) {
        this.chain = chain;
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code chain} on a free local port with {@code threads} handler threads. */
    public static ReplayNode start(ReplayChain chain, int threads) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            ExecutorService executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name(
                    "replay-node-", 0).factory());
            ReplayNode node = new ReplayNode(chain, server, executor);
            server.createContext("/", node::handle);
            server.setExecutor(executor);
            server.start();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ReplayChain chain() {
        return chain;
    }

    /** JSON-RPC calls answered so far (each call of a batch counts). */
    public long calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode request;
            try {
                request = JSON.readTree(in);
            } catch (IOException e) {
                send(exchange, 200, error("null", -32700, "parse error"));
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            if (request != null && request.isArray()) {
                out.write('[');
                for (int i = 0; i < request.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    answer(request.get(i), out);
                }
                out.write(']');
            } else if (request != null && request.isObject()) {
                answer(request, out);
            } else {
                out.write(error("null", -32600, "invalid request"));
            }
            send(exchange, 200, out.toByteArray());
        }
    }

    private void answer(JsonNode call, ByteArrayOutputStream out) throws IOException {
        calls.incrementAndGet();
        String id = call.path("id").isMissingNode() ? "null" : call.get("id").toString();
        String method = call.path("method").asText("");
        JsonNode params = call.path("params");
        byte[] result;
        try {
            result = switch (method) {
                case "eth_chainId" -> quoted("0x" + Long.toHexString(chain.chainId()));
                case "net_version" -> quoted(Long.toString(chain.chainId()));
                case "eth_blockNumber" -> quoted("0x" + Long.toHexString(chain.head()));
                case "eth_getBlockByNumber" -> block(byNumber(params.path(0).asText()), params.path(1).asBoolean());
                case "eth_getBlockByHash" -> block(chain.byHash(lower(params.path(0).asText())), params.path(1)
                        .asBoolean());
                case "eth_getBlockReceipts" -> {
                    String which = params.path(0).asText();
                    Optional<ReplayChain.Block> block = which.length() == 66
                            ? chain.byHash(lower(which))
                            : byNumber(which);
                    yield block.map(ReplayChain.Block::receipts).orElse(NULL);
                }
                case "eth_getTransactionReceipt" -> chain.receipt(lower(params.path(0).asText())).orElse(NULL);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            out.write(error(id, -32602, "invalid argument: " + e.getMessage()));
            return;
        }
        if (result == null) {
            out.write(error(id, -32601, "the method " + method + " does not exist/is not available"));
            return;
        }
        out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":").getBytes(StandardCharsets.UTF_8));
        out.write(result);
        out.write('}');
    }

    private Optional<ReplayChain.Block> byNumber(String tag) {
        return switch (tag) {
            case "latest", "pending", "safe", "finalized" -> chain.byNumber(chain.head());
            case "earliest" -> chain.byNumber(0);
            default -> {
                if (!tag.startsWith("0x") || tag.length() < 3) {
                    throw new IllegalArgumentException("block number " + tag);
                }
                yield chain.byNumber(Long.parseLong(tag.substring(2), 16));
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
        server.stop(0);
        executor.shutdownNow();
    }
}
