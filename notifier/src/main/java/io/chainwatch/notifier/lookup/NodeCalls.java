package io.chainwatch.notifier.lookup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.ens.EthCall;

/**
 * {@code eth_call} on a chain's own http(s) endpoints ({@code CHAINWATCH_RPC_<CHAIN>}, in priority order; ws(s) ones
 * are skipped), one deadline for all the calls of one lookup however many endpoints they try. Not the ingestor's
 * failover pool: a lookup is cosmetic and cached, so one pass is enough. A JSON-RPC error is an answer (the call
 * reverted, or the node no longer holds that block's state), not a reason to ask the next endpoint. Thread-safe.
 */
public final class NodeCalls {

    /** What one call came to. */
    public sealed interface Answer {
    }

    /** The call's return data, {@code 0x}-prefixed hex. */
    public record Returned(String hex) implements Answer {
    }

    /** The node answered with an error: another endpoint would say the same. */
    public record Refused(String message) implements Answer {
    }

    /** No endpoint answered in time (or the chain has none). */
    public record Unreachable(String reason) implements Answer {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 120;

    private final Map<String, List<String>> urls = new HashMap<>();
    private final Duration timeout;
    private final HttpClient http;

    public NodeCalls(List<ChainConfig> chains, Duration timeout) {
        for (ChainConfig chain : chains) {
            urls.put(chain.name(), chain.rpcUrls().stream().filter(NodeCalls::isHttp).toList());
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The chain's endpoints for one lookup at the latest block, with one deadline from now for all its calls. */
    public EthCall ask(String chain) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return (to, data) -> switch (call(chain, to, data, "latest", deadline)) {
            case Returned(String hex) -> Optional.of(hex);
            case Refused r -> Optional.empty();
            case Unreachable(String reason) -> throw new IOException("eth_call on " + chain + ": " + reason);
        };
    }

    /**
     * Calls {@code data} on {@code to} at {@code block} ({@code latest} or a {@code 0x} number), trying the endpoints
     * in turn until one answers or {@code deadlineNanos} ({@link System#nanoTime()}) passes.
     */
    public Answer call(String chain, String to, String data, String block, long deadlineNanos) {
        List<String> endpoints = urls.getOrDefault(chain, List.of());
        String reason = endpoints.isEmpty() ? "no http(s) RPC URL configured for " + chain : "deadline passed";
        for (String url : endpoints) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                return once(url, Duration.ofNanos(remaining), to, data, block);
            } catch (IOException | RuntimeException e) {
                reason = ChainConfig.redact(url) + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Unreachable("interrupted");
            }
        }
        return new Unreachable(reason);
    }

    /** How long one lookup may take, all its calls together. */
    public Duration timeout() {
        return timeout;
    }

    private Answer once(String url, Duration remaining, String to, String data, String block) throws IOException,
            InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_call");
        body.putArray("params").add(JSON.createObjectNode().put("to", to).put("data", data)).add(block);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(remaining).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        if (answer.hasNonNull("error")) {
            String message = answer.path("error").path("message").asText("error");
            return new Refused(message.length() > MAX_ERROR_CHARS ? message.substring(0, MAX_ERROR_CHARS) : message);
        }
        JsonNode result = answer.path("result");
        if (!result.isTextual()) {
            throw new IOException("no result");
        }
        return new Returned(result.asText());
    }

    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
