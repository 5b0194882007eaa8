package io.chainwatch.notifier.rpc;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.chainwatch.config.ChainConfig;

/**
 * {@code eth_call} on a chain's http(s) endpoints ({@code CHAINWATCH_RPC_<CHAIN>}, in priority order; ws(s) ones are
 * skipped), within one deadline however many endpoints it tries. Not the ingestor's failover pool: what it reads is
 * cosmetic and cached, so one pass is enough. Thread-safe.
 */
public final class EthCalls {

    /** What one call came to. */
    public sealed interface Answer {
    }

    /** The call's return data, {@code 0x}-prefixed hex. */
    public record Returned(String hex) implements Answer {
    }

    /** The node answered with an error (a revert, or state it no longer has): another endpoint would say the same. */
    public record Refused(String message) implements Answer {
    }

    /** No endpoint answered in time (or the chain has none). */
    public record Unreachable(String reason) implements Answer {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 120;

    private final Map<String, List<String>> urls = new HashMap<>();
    private final HttpClient http;

    public EthCalls(List<ChainConfig> chains, Duration connectTimeout) {
        for (ChainConfig chain : chains) {
            urls.put(chain.name(), chain.rpcUrls().stream().filter(EthCalls::isHttp).toList());
        }
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Whether {@code chain} has an endpoint this can call. */
    public boolean serves(String chain) {
        return !urls.getOrDefault(chain, List.of()).isEmpty();
    }

    /**
     * Calls {@code data} on {@code to} at {@code block} ({@code latest} or a {@code 0x} number), trying the endpoints
     * in turn until one answers or {@code deadlineNanos} ({@link System#nanoTime()}) passes.
     */
    public Answer call(String chain, String to, String data, String block, long deadlineNanos) {
        String last = "no http(s) endpoint for " + chain;
        for (String url : urls.getOrDefault(chain, List.of())) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return new Unreachable("deadline passed");
            }
            try {
                return once(url, to, data, block, Duration.ofNanos(remaining));
            } catch (IOException | RuntimeException e) {
                last = e.getClass().getSimpleName(); // the endpoint's address may hold a key: never in a message
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Unreachable("interrupted");
            }
        }
        return new Unreachable(last);
    }

    private Answer once(String url, String to, String data, String block, Duration timeout) throws IOException,
            InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_call");
        body.putArray("params").add(JSON.createObjectNode().put("to", to).put("data", data)).add(block);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type",
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
            throw new IOException("eth_call answered without a result");
        }
        return new Returned(result.asText());
    }

    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
