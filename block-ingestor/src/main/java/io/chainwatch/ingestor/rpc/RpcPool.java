package io.chainwatch.ingestor.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

import io.chainwatch.config.ChainConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;

/**
 * The endpoints of one chain in priority order. A call goes to the first endpoint whose breaker admits it and which
 * is not lagging; a failure the classifier marks {@link RpcFailure#SWITCH_ENDPOINT} or
 * {@link RpcFailure#NOT_AVAILABLE} falls back to the next endpoint; when every endpoint failed, the whole round is
 * retried with exponential backoff (1 → 2 → 4 → 8 s, jitter). Composition:
 * {@code retry(round(breaker_i(timeout(call))))}. The timeout is a Failsafe policy, not only OkHttp's: each call runs
 * on a virtual thread, which the timeout interrupts — that ends even a blocked socket read — and the caller gets a
 * {@link dev.failsafe.TimeoutExceededException} at the deadline, which counts against the endpoint's breaker.
 * Thread-safe.
 */
public final class RpcPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcPool.class);

    /** A call against one endpoint. */
    @FunctionalInterface
    public interface RpcCall<T> {
        T apply(RpcEndpoint endpoint) throws Exception;
    }

    private final ChainConfig chain;
    private final RpcSettings settings;
    private final List<RpcEndpoint> endpoints;
    private final RetryPolicy<Object> retry;
    private final Timeout<Object> timeout;
    private final ExecutorService callThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rpc-call-",
            0).factory());
    private final MeterRegistry metrics;

    public RpcPool(ChainConfig chain, RpcSettings settings, MeterRegistry metrics) {
        this.chain = chain;
        this.settings = settings;
        this.metrics = metrics;
        List<RpcEndpoint> list = new ArrayList<>();
        for (String url : chain.rpcUrls()) {
            if (url.startsWith("ws")) {
                continue; // websocket endpoints announce new heads (HeadSubscription); calls go over http(s)
            }
            RpcEndpoint endpoint = new RpcEndpoint(url, list.size(), settings);
            list.add(endpoint);
            Gauge.builder("chainwatch_rpc_breaker_state", endpoint, RpcEndpoint::breakerStateCode).tag("chain", chain
                    .name()).tag("endpoint", endpoint.name()).description("0 closed, 1 half-open, 2 open").register(
                            metrics);
            Gauge.builder("chainwatch_rpc_endpoint_head", endpoint, RpcEndpoint::head).tag("chain", chain.name()).tag(
                    "endpoint", endpoint.name()).register(metrics);
        }
        this.endpoints = List.copyOf(list);
        if (endpoints.isEmpty()) {
            LOG.error("{}: CHAINWATCH_RPC_{} lists no http(s) endpoint; blocks are read over http(s), so this chain "
                    + "cannot be followed", chain.name(), chain.name().toUpperCase(java.util.Locale.ROOT));
        }
        this.retry = RetryPolicy.builder().handleIf(e -> RpcErrorClassifier.classify(e) != RpcFailure.FATAL
                && RpcErrorClassifier.classify(e) != RpcFailure.METHOD_UNSUPPORTED).withBackoff(settings
                        .retryInitialDelay(), settings.retryMaxDelay())
                .withJitter(0.2).withMaxRetries(4).build();
        this.timeout = Timeout.builder(settings.timeout()).withInterrupt().build();
    }

    public List<RpcEndpoint> endpoints() {
        return endpoints;
    }

    public ChainConfig chain() {
        return chain;
    }

    /**
     * Runs {@code call} on the best available endpoint, falling back and retrying as described above.
     *
     * @throws RpcException when every endpoint failed through every retry, or on a fatal error
     */
    public <T> T call(String what, RpcCall<T> call) {
        try {
            return Failsafe.with(retry).get(() -> round(what, call));
        } catch (FailsafeException e) {
            throw asRpcException(what, e.getCause() == null ? e : e.getCause());
        } catch (RpcException e) {
            throw e;
        } catch (RuntimeException e) {
            throw asRpcException(what, e);
        }
    }

    /** Like {@link #call}, without the retry rounds: for head probes that run again soon anyway. */
    public <T> T callOnce(String what, RpcCall<T> call) {
        return round(what, call);
    }

    private <T> T round(String what, RpcCall<T> call) {
        Throwable last = null;
        long best = bestHead();
        for (RpcEndpoint endpoint : endpoints) {
            if (endpoint.refused()) {
                continue;
            }
            if (best >= 0 && endpoint.head() >= 0 && endpoint.head() < best - settings.maxLagBlocks()) {
                continue; // lagging: its answers about the head would be stale
            }
            try {
                Timer.Sample sample = Timer.start(metrics);
                T result = await(Failsafe.with(endpoint.breaker()).compose(timeout).with(callThreads).getAsync(() -> {
                    ensureChainVerified(endpoint);
                    return call.apply(endpoint);
                }));
                sample.stop(metrics.timer("chainwatch_rpc_latency", "chain", chain.name(), "endpoint", endpoint
                        .name()));
                return result;
            } catch (CircuitBreakerOpenException e) {
                last = e;
            } catch (RuntimeException e) {
                Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
                RpcFailure failure = RpcErrorClassifier.classify(cause);
                metrics.counter("chainwatch_rpc_errors", "chain", chain.name(), "endpoint", endpoint.name(), "class",
                        failure.name()).increment();
                if (failure == RpcFailure.FATAL || failure == RpcFailure.METHOD_UNSUPPORTED) {
                    throw new RpcException(chain.name() + " " + what + " on " + endpoint.name() + ": " + cause
                            .getMessage(), failure, cause);
                }
                LOG.debug("{} {} failed on {} ({}): {}", chain.name(), what, endpoint.name(), failure, cause
                        .toString());
                last = cause;
            }
        }
        RpcFailure failure = last == null ? RpcFailure.SWITCH_ENDPOINT : RpcErrorClassifier.classify(last);
        throw new RpcException(chain.name() + " " + what + ": no endpoint answered" + (last == null
                ? " (none usable)"
                : ", last error: " + last.getMessage()), failure == RpcFailure.FATAL
                        ? failure
                        : failure == RpcFailure.NOT_AVAILABLE ? RpcFailure.NOT_AVAILABLE : RpcFailure.SWITCH_ENDPOINT,
                last);
    }

    /** Asks every usable endpoint for its head; returns the best head, or -1 when none answered. */
    public long refreshHeads() {
        for (RpcEndpoint endpoint : endpoints) {
            if (endpoint.refused() || !endpoint.breaker().tryAcquirePermit()) {
                continue;
            }
            try {
                long head = await(Failsafe.with(timeout).with(callThreads).getAsync(() -> {
                    ensureChainVerified(endpoint);
                    return send(endpoint.web3j().ethBlockNumber()).getBlockNumber().longValueExact();
                }));
                endpoint.observeHead(head);
                endpoint.breaker().recordSuccess();
            } catch (RuntimeException e) {
                if (RpcErrorClassifier.classify(e) == RpcFailure.SWITCH_ENDPOINT) {
                    endpoint.breaker().recordException(e);
                } else {
                    endpoint.breaker().recordSuccess();
                }
                metrics.counter("chainwatch_rpc_errors", "chain", chain.name(), "endpoint", endpoint.name(), "class",
                        RpcErrorClassifier.classify(e).name()).increment();
                LOG.debug("{} head probe failed on {}: {}", chain.name(), endpoint.name(), e.toString());
            }
        }
        return bestHead();
    }

    public long bestHead() {
        long best = -1;
        for (RpcEndpoint endpoint : endpoints) {
            if (!endpoint.refused()) {
                best = Math.max(best, endpoint.head());
            }
        }
        return best;
    }

    /** True while at least one endpoint serves the right chain and is not refused. */
    public boolean hasUsableEndpoint() {
        return endpoints.stream().anyMatch(e -> !e.refused());
    }

    /** The result of a timed call, its failure rethrown as it was (checked ones wrapped in FailsafeException). */
    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new FailsafeException(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RpcException(chain.name() + ": interrupted while waiting for an RPC answer", RpcFailure.FATAL, e);
        }
    }

    private void ensureChainVerified(RpcEndpoint endpoint) {
        if (endpoint.chainVerified()) {
            return;
        }
        long reported = send(endpoint.web3j().ethChainId()).getChainId().longValueExact();
        if (reported != chain.preset().chainId()) {
            endpoint.refuse();
            LOG.error("Refusing RPC endpoint {} for {}: it serves chain id {}, but {} is chain id {}", endpoint.name(),
                    chain.name(), reported, chain.name(), chain.preset().chainId());
            throw new RpcException(endpoint.name() + " serves chain id " + reported, RpcFailure.SWITCH_ENDPOINT, null);
        }
        endpoint.markChainVerified();
    }

    /** Sends a web3j request and turns a JSON-RPC error inside HTTP 200 into a {@link JsonRpcErrorException}. */
    public static <R extends Response<?>> R send(Request<?, R> request) {
        try {
            R response = request.send();
            if (response.hasError()) {
                throw new JsonRpcErrorException(response.getError().getCode(), response.getError().getMessage());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RpcException asRpcException(String what, Throwable e) {
        if (e instanceof RpcException rpc) {
            return rpc;
        }
        return new RpcException(chain.name() + " " + what + ": " + e.getMessage(), RpcErrorClassifier.classify(e), e);
    }

    @Override
    public void close() {
        callThreads.shutdownNow();
        endpoints.forEach(RpcEndpoint::close);
    }

}
