package io.chainwatch.bot.chain;

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

import io.chainwatch.bot.track.ChainRpc;
import io.chainwatch.bot.track.Tracker;
import io.chainwatch.config.ChainConfig;

/**
 * JSON-RPC for the bot's own questions to the nodes ({@code /gas}, the head in {@code /status}): the chain's http(s)
 * endpoints in priority order (ws(s) ones are skipped), one overall deadline for a question however many endpoints it
 * tries, so a user waits at most the configured RPC timeout ({@code BotSettings.DEFAULT_RPC_TIMEOUT} by default).
 * Not the ingestor's failover pool: no breakers, no retries beyond one pass over the endpoints. Thread-safe.
 */
public final class NodeRpc implements Tracker.Nodes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> urls = new HashMap<>();
    private final Duration timeout;
    private final HttpClient http;

    /** @param chains the chains whose http(s) endpoints may be asked; none for a bot that never asks nodes */
    public NodeRpc(List<ChainConfig> chains, Duration timeout) {
        for (ChainConfig chain : chains) {
            urls.put(chain.name(), chain.rpcUrls().stream().filter(NodeRpc::isHttp).toList());
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A node that asks nothing: every question fails at once (for tests that must not touch the network). */
    public static NodeRpc offline() {
        return new NodeRpc(List.of(), Duration.ofSeconds(1));
    }

    /** The deadline of one question starting now. */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Calls {@code method} on the chain's endpoints in turn until one answers or {@code deadlineNanos} passes.
     *
     * @throws Unanswered when no endpoint answered in time (the reason of the last failure, URLs redacted)
     */
    JsonNode call(String chain, long deadlineNanos, String method, Object... params) throws Unanswered {
        try {
            return call(chain, deadlineNanos, false, method, params);
        } catch (ChainRpc.RpcError cannotHappen) {
            throw new Unanswered(chain, method, cannotHappen.getMessage());
        }
    }

    /**
     * The chain's nodes for one question (the calls of one lookup) with one deadline from now, as a lookup asks them: a JSON-RPC error is an answer
     * ({@link ChainRpc.RpcError}, with its data), not a reason to ask the next endpoint; no answer in time is an
     * IOException.
     */
    @Override
    public boolean follows(String chain) {
        return urls.containsKey(chain);
    }

    @Override
    public ChainRpc ask(String chain) {
        long deadlineNanos = deadline();
        return (method, params) -> {
            try {
                return call(chain, deadlineNanos, true, method, params);
            } catch (Unanswered e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }

    private JsonNode call(String chain, long deadlineNanos, boolean errorsAreAnswers, String method,
            Object... params) throws Unanswered, ChainRpc.RpcError {
        List<String> endpoints = urls.getOrDefault(chain, List.of());
        String reason = endpoints.isEmpty() ? "no http(s) RPC URL configured" : "deadline passed";
        for (String url : endpoints) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                return callOne(url, Duration.ofNanos(remaining), method, params);
            } catch (ChainRpc.RpcError e) {
                if (errorsAreAnswers) {
                    throw e;
                }
                reason = ChainConfig.redact(url) + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
            } catch (IOException | RuntimeException e) {
                reason = ChainConfig.redact(url) + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unanswered(chain, method, "interrupted");
            }
        }
        throw new Unanswered(chain, method, reason);
    }

    private JsonNode callOne(String url, Duration timeout, String method, Object... params) throws IOException,
            InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        body.set("params", JSON.valueToTree(params));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        if (answer.hasNonNull("error")) {
            JsonNode error = answer.get("error");
            JsonNode data = error.path("data");
            // revert data: a hex string (geth, anvil, ganache) or an object holding one (hardhat)
            String hex = data.isTextual() ? data.asText() : data.path("data").asText("");
            throw new ChainRpc.RpcError(error.path("code").asInt(), "JSON-RPC error " + error.path("code").asText()
                    + " " + error.path("message").asText(), hex);
        }
        if (!answer.has("result")) {
            throw new IOException("no result");
        }
        return answer.get("result");
    }

    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** No endpoint of the chain answered the question in time. */
    static final class Unanswered extends Exception {
        Unanswered(String chain, String method, String reason) {
            super(method + " on " + chain + ": " + reason);
        }
    }
}
