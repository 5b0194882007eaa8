package io.chainwatch.ingestor.rpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import io.chainwatch.config.ChainConfig;

import dev.failsafe.CircuitBreaker;
import okhttp3.OkHttpClient;

/**
 * One JSON-RPC endpoint of a chain: its web3j client, its circuit breaker, the last head it reported and what it was
 * found to support. Mutable fields are volatile: the follower and the fetch workers read them concurrently.
 */
public final class RpcEndpoint implements AutoCloseable {

    /** How much longer than the per-call timeout OkHttp waits before it gives up by itself. */
    static final Duration OKHTTP_BACKSTOP = Duration.ofSeconds(5);

    private final String url;
    private final String name;
    private final int priority;
    private final HttpService service;
    private final Web3j web3j;
    private final CircuitBreaker<Object> breaker;
    private volatile long head = -1;
    private volatile boolean refused;
    private volatile boolean chainVerified;
    private volatile boolean blockReceiptsUnsupported;
    private volatile boolean tracesUnsupported;

    RpcEndpoint(String url, int priority, RpcSettings settings) {
        this.url = url;
        this.name = ChainConfig.redact(url);
        this.priority = priority;
        long timeoutMs = settings.timeout().toMillis();
        // The pool's Failsafe Timeout ends a call at the deadline; OkHttp's own timeouts are only a backstop.
        long backstopMs = timeoutMs + OKHTTP_BACKSTOP.toMillis();
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Math.min(timeoutMs, 5_000), TimeUnit.MILLISECONDS)
                .readTimeout(backstopMs, TimeUnit.MILLISECONDS).writeTimeout(backstopMs, TimeUnit.MILLISECONDS)
                .callTimeout(backstopMs, TimeUnit.MILLISECONDS).retryOnConnectionFailure(false).build();
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
    public org.web3j.protocol.Web3jService web3jService() {
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

    public boolean blockReceiptsUnsupported() {
        return blockReceiptsUnsupported;
    }

    public void markBlockReceiptsUnsupported() {
        blockReceiptsUnsupported = true;
    }

    public boolean tracesUnsupported() {
        return tracesUnsupported;
    }

    public void markTracesUnsupported() {
        tracesUnsupported = true;
    }

    /** Breaker state as a number for the metric: 0 closed, 1 half-open, 2 open. */
    public int breakerStateCode() {
        return breaker.isClosed() ? 0 : breaker.isHalfOpen() ? 1 : 2;
    }

    Duration remainingOpen() {
        return breaker.getRemainingDelay();
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
