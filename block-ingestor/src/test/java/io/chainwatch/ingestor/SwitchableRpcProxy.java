package io.chainwatch.ingestor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP JSON-RPC proxy in front of a real node whose behaviour a test switches mid-stream: pass through, refuse
 * connections, hang, answer HTTP 429, answer a JSON-RPC error inside HTTP 200, or cut the body short.
 */
final class SwitchableRpcProxy implements AutoCloseable {

    enum Mode {
        PASS, REFUSE, HANG, HTTP_429, JSON_RPC_ERROR, TRUNCATED,
        /** Answers eth_chainId with 1 (Ethereum mainnet), forwards the rest. */
        WRONG_CHAIN,
        /** Reports a head 20 blocks behind the real one, forwards the rest. */
        LAGGING,
        /** Answers eth_getBlockReceipts as ganache 7.9 does (-32700 "… does not exist/is not available"). */
        NO_BLOCK_RECEIPTS,
        /**
         * Like {@link #NO_BLOCK_RECEIPTS}, and refuses batches of more than {@value #BATCH_LIMIT} calls as Erigon does
         * beyond its --rpc.batch.limit (one error object, not an array).
         */
        SMALL_BATCHES,
        /** Forwards everything, block and receipt reads 50 ms late, like a distant node. */
        SLOW,
        /**
         * Answers debug_traceBlockByNumber as a pruned geth does (-32000 "required historical state unavailable"),
         * forwards the rest.
         */
        PRUNED
    }

    static final int BATCH_LIMIT = 2;

    private final URI target;
    private final AtomicInteger largestBatchServed = new AtomicInteger();
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger faultsAnswered = new AtomicInteger();
    private final AtomicInteger blockReads = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private HttpServer server;

    SwitchableRpcProxy(String targetUrl) throws IOException {
        this.target = URI.create(targetUrl);
        this.server = newServer(0);
        this.port = server.getAddress().getPort();
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int faultsAnswered() {
        return faultsAnswered.get();
    }

    /** eth_getBlockByNumber / eth_getBlockReceipts calls that reached the node through this proxy. */
    int blockReads() {
        return blockReads.get();
    }

    /** The most calls one batch carried that was passed to the node. */
    int largestBatchServed() {
        return largestBatchServed.get();
    }

    void resetCounts() {
        blockReads.set(0);
        faultsAnswered.set(0);
    }

    synchronized void switchTo(Mode next) throws IOException {
        if (next == Mode.REFUSE && server != null) {
            server.stop(0);
            server = null;
        } else if (next != Mode.REFUSE && server == null) {
            server = newServer(port);
            server.start();
        }
        mode = next;
    }

    private HttpServer newServer(int bindPort) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", bindPort), 64);
        created.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
        created.createContext("/", this::handle);
        return created;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Mode current = mode;
        try (exchange) {
            switch (current) {
                case HANG -> {
                    faultsAnswered.incrementAndGet();
                    sleep(Duration.ofSeconds(30));
                }
                case HTTP_429 -> {
                    faultsAnswered.incrementAndGet();
                    respond(exchange, 429, "{\"error\":\"rate limited\"}".getBytes(StandardCharsets.UTF_8));
                }
                case JSON_RPC_ERROR -> {
                    faultsAnswered.incrementAndGet();
                    String id = idOf(new String(body, StandardCharsets.UTF_8));
                    respond(exchange, 200, ("{\"jsonrpc\":\"2.0\",\"id\":" + id
                            + ",\"error\":{\"code\":-32005,\"message\":\"limit exceeded\"}}").getBytes(
                                    StandardCharsets.UTF_8));
                }
                case TRUNCATED -> {
                    faultsAnswered.incrementAndGet();
                    byte[] full = forward(body);
                    byte[] half = java.util.Arrays.copyOf(full, Math.max(1, full.length / 2));
                    respond(exchange, 200, half);
                }
                case WRONG_CHAIN -> {
                    String request = new String(body, StandardCharsets.UTF_8);
                    if (request.contains("\"eth_chainId\"")) {
                        faultsAnswered.incrementAndGet();
                        respond(exchange, 200, ("{\"jsonrpc\":\"2.0\",\"id\":" + idOf(request)
                                + ",\"result\":\"0x1\"}").getBytes(StandardCharsets.UTF_8));
                    } else {
                        respond(exchange, 200, forwardCounting(body));
                    }
                }
                case LAGGING -> {
                    String request = new String(body, StandardCharsets.UTF_8);
                    if (request.contains("\"eth_blockNumber\"")) {
                        faultsAnswered.incrementAndGet();
                        String answer = new String(forward(body), StandardCharsets.UTF_8);
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"result\":\"0x([0-9a-f]+)\"")
                                .matcher(answer);
                        long head = m.find() ? Long.parseLong(m.group(1), 16) : 0;
                        respond(exchange, 200, ("{\"jsonrpc\":\"2.0\",\"id\":" + idOf(request) + ",\"result\":\"0x"
                                + Long.toHexString(Math.max(0, head - 20)) + "\"}").getBytes(StandardCharsets.UTF_8));
                    } else {
                        respond(exchange, 200, forwardCounting(body));
                    }
                }
                case NO_BLOCK_RECEIPTS, SMALL_BATCHES -> {
                    String request = new String(body, StandardCharsets.UTF_8);
                    int calls = request.split("\"method\"", -1).length - 1;
                    if (request.contains("\"eth_getBlockReceipts\"")) {
                        faultsAnswered.incrementAndGet();
                        respond(exchange, 200, ("{\"id\":" + idOf(request) + ",\"jsonrpc\":\"2.0\",\"error\":{"
                                + "\"message\":\"The method eth_getBlockReceipts does not exist/is not available\","
                                + "\"code\":-32700}}").getBytes(StandardCharsets.UTF_8));
                    } else if (current == Mode.SMALL_BATCHES && request.strip().startsWith("[")
                            && calls > BATCH_LIMIT) {
                        faultsAnswered.incrementAndGet();
                        respond(exchange, 200, ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
                                + "\"message\":\"batch limit " + BATCH_LIMIT + " exceeded (can increase by "
                                + "--rpc.batch.limit). Requested batch of size: " + calls + "\"}}").getBytes(
                                        StandardCharsets.UTF_8));
                    } else {
                        if (request.strip().startsWith("[")) {
                            largestBatchServed.accumulateAndGet(calls, Math::max);
                        }
                        respond(exchange, 200, forwardCounting(body));
                    }
                }
                case PRUNED -> {
                    String request = new String(body, StandardCharsets.UTF_8);
                    if (request.contains("\"debug_traceBlockByNumber\"")) {
                        faultsAnswered.incrementAndGet();
                        respond(exchange, 200, ("{\"jsonrpc\":\"2.0\",\"id\":" + idOf(request) + ",\"error\":{"
                                + "\"code\":-32000,\"message\":\"required historical state unavailable "
                                + "(reexec=128)\"}}").getBytes(StandardCharsets.UTF_8));
                    } else {
                        respond(exchange, 200, forwardCounting(body));
                    }
                }
                case SLOW -> {
                    if (new String(body, StandardCharsets.UTF_8).contains("eth_getBlock")) {
                        sleep(Duration.ofMillis(50));
                    }
                    respond(exchange, 200, forwardCounting(body));
                }
                default -> respond(exchange, 200, forwardCounting(body));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] forwardCounting(byte[] body) throws IOException, InterruptedException {
        String request = new String(body, StandardCharsets.UTF_8);
        if (request.contains("eth_getBlockByNumber") || request.contains("eth_getBlockReceipts")) {
            blockReads.incrementAndGet();
        }
        return forward(body);
    }

    private byte[] forward(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target).header("Content-Type", "application/json").POST(
                HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String idOf(String request) {
        int at = request.indexOf("\"id\":");
        if (at < 0) {
            return "1";
        }
        int end = at + 5;
        while (end < request.length() && ",}".indexOf(request.charAt(end)) < 0) {
            end++;
        }
        return request.substring(at + 5, end).strip();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
