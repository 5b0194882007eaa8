package io.chainwatch.notifier.erc20;

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
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.notifier.format.TokenMetadata;

/**
 * Reads a token's {@code symbol()} and {@code decimals()} with {@code eth_call} on the chain's http(s) endpoints
 * ({@code CHAINWATCH_RPC_<CHAIN>}, in priority order; ws(s) ones are skipped), one deadline for both calls however many
 * endpoints it tries. Not the ingestor's failover pool: a lookup is cosmetic and cached, so one pass is enough.
 * Thread-safe.
 */
public final class TokenRpc implements TokenDirectory.Reader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> urls = new HashMap<>();
    private final Duration timeout;
    private final HttpClient http;

    public TokenRpc(List<ChainConfig> chains, Duration timeout) {
        for (ChainConfig chain : chains) {
            urls.put(chain.name(), chain.rpcUrls().stream().filter(TokenRpc::isHttp).toList());
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Optional<TokenMetadata> read(String chain, String token) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String url : urls.getOrDefault(chain, List.of())) {
            try {
                OptionalInt decimals = TokenAbi.decimals(call(url, deadline, token, TokenAbi.DECIMALS));
                if (decimals.isEmpty()) {
                    return Optional.empty(); // the node answered: this is no ERC-20 (or it has no decimals)
                }
                return TokenAbi.symbol(call(url, deadline, token, TokenAbi.SYMBOL)).flatMap(
                        TokenMetadata::cleanSymbol).map(symbol -> new TokenMetadata(symbol, decimals.getAsInt()));
            } catch (ContractReverted e) {
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                // next endpoint, while time is left
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The {@code result} of one {@code eth_call}; {@link ContractReverted} when the node answered with an error. */
    private String call(String url, long deadlineNanos, String token, String data) throws IOException,
            InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new IOException("deadline passed");
        }
        ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_call");
        body.putArray("params").add(JSON.createObjectNode().put("to", token).put("data", data)).add("latest");
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofNanos(remaining)).header(
                "Content-Type", "application/json").POST(
                        HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                                body)))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        if (answer.hasNonNull("error")) {
            throw new ContractReverted();
        }
        return answer.path("result").asText(null);
    }

    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** The node answered the call with an error: asking another endpoint would get the same answer. */
    private static final class ContractReverted extends IOException {
        ContractReverted() {
            super("eth_call answered with an error");
        }
    }
}
