package io.chainwatch.ingestor.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

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
 * retried with exponential backoff (1 → 2 → 4 → 8 s, jitter). Any other failure also moves on to the next endpoint
 * (one endpoint's refusal says little about the others) but does not count against the breaker, and a round that
 * ended on such failures only is not retried. Composition:
 * {@code retry(round(breaker_i(timeout(call))))}. The timeout is a Failsafe policy, not only OkHttp's: each call runs
 * on a virtual thread, which the timeout interrupts — that ends even a blocked socket read — and the caller gets a
 * {@link dev.failsafe.TimeoutExceededException} at the deadline, which counts against the endpoint's breaker. Each
 * endpoint's capabilities are probed at first contact and again after {@link RpcSettings#capabilityRecheck()}
 * ({@link #probeCapabilities}); each failure is kept as the endpoint's last error, in words. Thread-safe.
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
        this(chain, settings, metrics, Clock.systemUTC());
    }

    /** @param clock the time capabilities are learned and rechecked by, and errors stamped with */
    public RpcPool(ChainConfig chain, RpcSettings settings, MeterRegistry metrics, Clock clock) {
        this.chain = chain;
        this.settings = settings;
        this.metrics = metrics;
        List<RpcEndpoint> list = new ArrayList<>();
        for (String url : chain.rpcUrls()) {
            if (url.startsWith("ws")) {
                continue; // websocket endpoints announce new heads (HeadSubscription); calls go over http(s)
            }
            RpcEndpoint endpoint = new RpcEndpoint(url, list.size(), settings, clock);
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
                    + "cannot be followed", chain.name(), chain.name().toUpperCase(Locale.ROOT));
        }
        this.retry = RetryPolicy.builder().handleIf(e -> isWorthRetrying(RpcErrorClassifier.classify(e))).withBackoff(
                settings
                        .retryInitialDelay(),
                settings.retryMaxDelay())
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
        return retrying(what, () -> round(what, call));
    }

    /**
     * Runs {@code call} on {@code endpoint} only, once, under its breaker and the per-call timeout; a failure that
     * says the endpoint is unwell ({@link RpcFailure#SWITCH_ENDPOINT}) is kept as its last error. For a call that must
     * go to a chosen endpoint (a block's traces from one that offers the tracer): the caller decides what is next.
     *
     * @throws RuntimeException the call's failure as it was, or {@link CircuitBreakerOpenException}
     */
    public <T> T callOn(RpcEndpoint endpoint, String what, RpcCall<T> call) {
        try {
            return await(Failsafe.with(endpoint.breaker()).compose(timeout).with(callThreads).getAsync(() -> {
                ensureChainVerified(endpoint);
                return call.apply(endpoint);
            }));
        } catch (CircuitBreakerOpenException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable cause = unwrap(e);
            RpcFailure failure = RpcErrorClassifier.classify(cause);
            metrics.counter("chainwatch_rpc_errors", "chain", chain.name(), "endpoint", endpoint.name(), "class",
                    failure.name()).increment();
            LOG.debug("{} {} failed on {}: {}", chain.name(), what, endpoint.name(), cause.toString());
            if (failure == RpcFailure.SWITCH_ENDPOINT && !endpoint.refused()) {
                endpoint.recordError(what + ": " + endpoint.describe(cause));
            }
            throw cause instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Runs {@code attempt} with the pool's retry: again with backoff while it fails in a way worth retrying (as
     * {@link #call} does for its rounds), for callers that choose the endpoints themselves ({@link #callOn}).
     *
     * @throws RpcException when every retry failed, or on a failure not worth retrying
     */
    public <T> T retrying(String what, Supplier<T> attempt) {
        try {
            return Failsafe.with(retry).get(attempt::get);
        } catch (FailsafeException e) {
            throw asRpcException(what, e.getCause() == null ? e : e.getCause());
        } catch (RpcException e) {
            throw e;
        } catch (RuntimeException e) {
            throw asRpcException(what, e);
        }
    }

    /** The registry the pool's meters are in, for meters about what is read through it. */
    public MeterRegistry metrics() {
        return metrics;
    }

    private static Throwable unwrap(RuntimeException e) {
        return e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
    }

    /** Like {@link #call}, without the retry rounds: for head probes that run again soon anyway. */
    public <T> T callOnce(String what, RpcCall<T> call) {
        return round(what, call);
    }

    private static boolean isWorthRetrying(RpcFailure failure) {
        return failure == RpcFailure.SWITCH_ENDPOINT || failure == RpcFailure.NOT_AVAILABLE;
    }

    private <T> T round(String what, RpcCall<T> call) {
        List<String> reasons = new ArrayList<>();
        List<RpcFailure> failures = new ArrayList<>();
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
                failures.add(RpcFailure.SWITCH_ENDPOINT);
                // no times in it: the follower logs its waiting reason again only when the reason changes
                reasons.add(endpoint.name() + ": breaker open after " + endpoint.lastErrorWithoutTime().orElse(
                        "repeated failures"));
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                RpcFailure failure = RpcErrorClassifier.classify(cause);
                String description = endpoint.describe(cause);
                metrics.counter("chainwatch_rpc_errors", "chain", chain.name(), "endpoint", endpoint.name(), "class",
                        failure.name()).increment();
                LOG.debug("{} {} failed on {}: {}; raw: {}", chain.name(), what, endpoint.name(), description, cause
                        .toString());
                if (failure != RpcFailure.NOT_AVAILABLE && !endpoint.refused()) {
                    endpoint.recordError(what + ": " + description); // a lagging answer is no error of the endpoint
                }
                failures.add(failure);
                reasons.add(endpoint.name() + ": " + description);
                last = cause;
            }
        }
        RpcFailure failure = roundFailure(failures);
        throw new RpcException(chain.name() + " " + what + " failed on every endpoint: " + (reasons.isEmpty()
                ? "none usable (" + unusableReason() + ")"
                : String.join("; ", reasons)), failure, last == null ? null : RpcErrorClassifier.kind(last), last);
    }

    /**
     * What a round in which every endpoint failed means: "not there yet" if any endpoint said so (the block may come),
     * else "switch" if any failed transiently (retrying may help), else what they all said.
     */
    static RpcFailure roundFailure(List<RpcFailure> failures) {
        for (RpcFailure meaning : List.of(RpcFailure.NOT_AVAILABLE, RpcFailure.SWITCH_ENDPOINT, RpcFailure.FATAL,
                RpcFailure.METHOD_UNSUPPORTED, RpcFailure.TOO_LARGE)) {
            if (failures.contains(meaning)) {
                return meaning;
            }
        }
        return RpcFailure.SWITCH_ENDPOINT; // no endpoint could even be asked
    }

    private String unusableReason() {
        return endpoints.isEmpty()
                ? "no http(s) endpoint configured"
                : hasUsableEndpoint() ? "all lagging" : "every endpoint serves another chain";
    }

    /**
     * Probes the capabilities of every usable endpoint whose probe is due (first contact, then every
     * {@link RpcSettings#capabilityRecheck()}). A probe never counts against a breaker.
     *
     * @param traces whether the call tracer is wanted (internal transfers are on for this chain)
     */
    public void probeCapabilities(boolean traces) {
        for (RpcEndpoint endpoint : endpoints) {
            if (endpoint.refused() || endpoint.head() < 0 || !endpoint.chainVerified() || !endpoint.capabilities()
                    .probeDue() || !endpoint.breaker().isClosed()) {
                continue;
            }
            try {
                await(Failsafe.with(timeout).with(callThreads).getAsync(() -> {
                    CapabilityProbe.probe(endpoint, endpoint.head(), traces);
                    return null;
                }));
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                endpoint.recordError("capability probe: " + endpoint.describe(cause));
                LOG.debug("{} capability probe failed on {}: {}", chain.name(), endpoint.name(), cause.toString());
            }
        }
    }

    /** Every call endpoint as health shows it. */
    public List<EndpointStatus> statuses(boolean traces) {
        return endpoints.stream().map(e -> EndpointStatus.of(e, traces)).toList();
    }

    /**
     * Why no endpoint answered the last head probe, endpoint by endpoint ("http://a: rate limited (…)"), without the
     * times of the errors: the same failures read alike, so the follower does not log them again.
     */
    public String lastErrors() {
        List<String> reasons = new ArrayList<>();
        for (RpcEndpoint endpoint : endpoints) {
            reasons.add(endpoint.name() + ": " + (endpoint.refused()
                    ? "serves chain id " + endpoint.reportedChainId().orElse(-1)
                    : endpoint.lastErrorWithoutTime().orElse("no answer yet")));
        }
        return reasons.isEmpty() ? "no http(s) endpoint configured" : String.join("; ", reasons);
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
                Throwable cause = unwrap(e);
                RpcFailure failure = RpcErrorClassifier.classify(cause);
                if (failure == RpcFailure.SWITCH_ENDPOINT) {
                    endpoint.breaker().recordException(e);
                } else {
                    endpoint.breaker().recordSuccess();
                }
                if (!endpoint.refused()) {
                    endpoint.recordError("head: " + endpoint.describe(cause));
                }
                metrics.counter("chainwatch_rpc_errors", "chain", chain.name(), "endpoint", endpoint.name(), "class",
                        failure.name()).increment();
                LOG.debug("{} head probe failed on {}: {}", chain.name(), endpoint.name(), cause.toString());
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
        endpoint.reportChainId(reported);
        if (reported != chain.preset().chainId()) {
            endpoint.refuse();
            endpoint.recordError("serves chain id " + reported + ", not " + chain.name() + "'s "
                    + chain.preset().chainId());
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
                Response.Error error = response.getError();
                LOG.debug("{} answered with error {} {} (data: {})", request.getMethod(), error.getCode(), error
                        .getMessage(), error.getData());
                throw new JsonRpcErrorException(error.getCode(), error.getMessage());
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
        return new RpcException(chain.name() + " " + what + ": " + RpcErrorClassifier.describe(e), RpcErrorClassifier
                .classify(e), e);
    }

    @Override
    public void close() {
        callThreads.shutdownNow();
        endpoints.forEach(RpcEndpoint::close);
    }

}
