package io.chainwatch.ingestor.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

import io.chainwatch.config.ChainConfig;

import dev.failsafe.CircuitBreaker;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One JSON-RPC endpoint of a chain: its web3j client, its circuit breaker, the last head and chain id it reported, what
 * it was found to offer ({@link EndpointCapabilities}) and the last error it gave. Mutable fields are volatile: the
 * follower, the fetch workers and health read them concurrently.
 */
public final class RpcEndpoint implements AutoCloseable {

    /** How much longer than the per-call timeout OkHttp waits before it gives up by itself. */
    static final Duration OKHTTP_BACKSTOP = Duration.ofSeconds(5);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final String url;
    private final String name;
    private final int priority;
    private final HttpService service;
    private final OkHttpClient http;
    private final Clock clock;
    private final EndpointCapabilities capabilities;
    private final Web3j web3j;
    private final CircuitBreaker<Object> breaker;
    private volatile long head = -1;
    private volatile boolean refused;
    private volatile boolean chainVerified;
    private volatile long reportedChainId = -1;
    /** The last failure and when it happened, kept apart so that the same failure reads alike at any time. */
    private volatile LastError lastError;

    private record LastError(String description, Instant at) {
    }

    RpcEndpoint(String url, int priority, RpcSettings settings, Clock clock) {
        this.url = url;
        this.name = ChainConfig.redact(url);
        this.priority = priority;
        this.clock = clock;
        this.capabilities = new EndpointCapabilities(name, clock, settings.capabilityRecheck(), settings
                .maxBatchSize());
        long timeoutMs = settings.timeout().toMillis();
        // The pool's Failsafe Timeout ends a call at the deadline; OkHttp's own timeouts are only a backstop.
        long backstopMs = timeoutMs + OKHTTP_BACKSTOP.toMillis();
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Math.min(timeoutMs, 5_000), TimeUnit.MILLISECONDS)
                .readTimeout(backstopMs, TimeUnit.MILLISECONDS).writeTimeout(backstopMs, TimeUnit.MILLISECONDS)
                .callTimeout(backstopMs, TimeUnit.MILLISECONDS).retryOnConnectionFailure(false).build();
        this.http = http;
        this.service = new HttpService(url, http);
        // Some providers cache eth_blockNumber / eth_getBlockByNumber("latest") answers: ask them not to.
        service.addHeader("Cache-Control", "no-cache");
        service.addHeader("Pragma", "no-cache");
        this.web3j = Web3j.build(service);
        this.breaker = CircuitBreaker.builder().handleIf(e -> RpcErrorClassifier.classify(
                e) == RpcFailure.SWITCH_ENDPOINT).withFailureThreshold(settings.breakerFailures()).withDelay(settings
                        .breakerOpen())
                .withSuccessThreshold(1).build();
    }

    /** The endpoint as it may be logged: scheme, host and port only. */
    public String name() {
        return name;
    }

    String url() {
        return url;
    }

    public int priority() {
        return priority;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** The transport, for requests web3j has no typed method for (eth_getBlockReceipts by hash). */
    public Web3jService web3jService() {
        return service;
    }

    CircuitBreaker<Object> breaker() {
        return breaker;
    }

    public long head() {
        return head;
    }

    void observeHead(long number) {
        if (number > head) {
            head = number; // a lagging answer never moves an endpoint's head back
        }
    }

    public boolean refused() {
        return refused;
    }

    void refuse() {
        refused = true;
    }

    boolean chainVerified() {
        return chainVerified;
    }

    void markChainVerified() {
        chainVerified = true;
    }

    /** What this endpoint offers, as learned so far. */
    public EndpointCapabilities capabilities() {
        return capabilities;
    }

    /** The chain id it reported, if it was asked. */
    public OptionalLong reportedChainId() {
        return reportedChainId < 0 ? OptionalLong.empty() : OptionalLong.of(reportedChainId);
    }

    void reportChainId(long chainId) {
        reportedChainId = chainId;
    }

    /** The last failure, in words with its time ("rate limited (HTTP 429 Too Many Requests) at 12:00:01 UTC"). */
    public Optional<String> lastError() {
        LastError last = lastError;
        return last == null ? Optional.empty() : Optional.of(last.description() + " at " + AT.format(last.at()));
    }

    /**
     * The last failure in words without its time, for messages compared with the previous one (the follower logs
     * its waiting reason only when it changes).
     */
    public Optional<String> lastErrorWithoutTime() {
        LastError last = lastError;
        return last == null ? Optional.empty() : Optional.of(last.description());
    }

    void recordError(String description) {
        lastError = new LastError(description, clock.instant());
    }

    /**
     * {@code error} in words safe to log and show: the JSON-RPC code and message or the HTTP status, without this
     * endpoint's path, query or user info (see {@link RpcErrorClassifier#describe(Throwable, String)}).
     */
    public String describe(Throwable error) {
        return RpcErrorClassifier.describe(error, url);
    }

    /**
     * Posts a raw JSON-RPC body (a batch) and returns the answer's body. A non-2xx answer fails as web3j's own
     * transport does ({@link ClientConnectionException} "Invalid response received: STATUS; BODY"), so the classifier
     * reads both alike.
     */
    public String post(String json) throws IOException {
        Request request = new Request.Builder().url(url).header("Cache-Control", "no-cache").header("Pragma",
                "no-cache").post(RequestBody.create(json, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new ClientConnectionException("Invalid response received: " + response.code() + "; " + body);
            }
            return body;
        }
    }

    /** Reads an answer's body as it streams in. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Posts a raw JSON-RPC body and hands the answer's body, as it arrives, to {@code reader}: no copy of a large
     * answer as a string first. A non-2xx answer fails as {@link #post(String)} does.
     */
    public <T> T post(byte[] json, BodyReader<T> reader) throws IOException {
        Request request = new Request.Builder().url(url).header("Cache-Control", "no-cache").header("Pragma",
                "no-cache").post(RequestBody.create(json, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                String body = response.body() == null ? "" : response.body().string();
                throw new ClientConnectionException("Invalid response received: " + response.code() + "; " + body);
            }
            if (response.body() == null) {
                throw new IOException(name + " answered with no body");
            }
            try (InputStream body = response.body().byteStream()) {
                return reader.read(body);
            }
        }
    }

    /** Breaker state as a number for the metric: 0 closed, 1 half-open, 2 open. */
    public int breakerStateCode() {
        return breaker.isClosed() ? 0 : breaker.isHalfOpen() ? 1 : 2;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
