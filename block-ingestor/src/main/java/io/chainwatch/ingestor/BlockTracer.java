package io.chainwatch.ingestor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.ingestor.rpc.Capability;
import io.chainwatch.ingestor.rpc.RpcEndpoint;
import io.chainwatch.ingestor.rpc.RpcErrorClassifier;
import io.chainwatch.ingestor.rpc.RpcErrorKind;
import io.chainwatch.ingestor.rpc.RpcException;
import io.chainwatch.schema.InternalTransfer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A block's internal transfers from whichever endpoint can trace it (issue #20 review): the endpoint that served the
 * block first, then the others in priority order, skipping those known not to offer the call tracer. One endpoint's
 * refusal of one block — too large, its state pruned ({@link RpcErrorKind#STATE_UNAVAILABLE}) — only moves on to the
 * next. A block none can trace is published without internal transfers and reported (the counter
 * {@value #UNTRACED_METER}, a WARN when that starts, an INFO when blocks are traced again); a transient failure of an
 * endpoint that could trace it fails this attempt instead (retried with the pool's backoff, then the block is read
 * again), rather than publishing the block without.
 * Thread-safe.
 */
final class BlockTracer {

    /** Blocks published without internal transfers although they were asked for. */
    static final String UNTRACED_METER = "chainwatch_ingest_untraced_blocks";
    private static final Logger LOG = LoggerFactory.getLogger(BlockTracer.class);

    /** What one endpoint answered to "trace this block". */
    sealed interface Attempt {
        /** The tracer's answer. */
        record Traced(List<Map<String, Object>> traces) implements Attempt {
        }

        /** Not from here, for this block or at all; {@code reason} says why, safe to log. */
        record Refused(String reason) implements Attempt {
        }
    }

    /** Asks one endpoint; throws its failure when that is transient (the endpoint may trace it a little later). */
    @FunctionalInterface
    interface TraceCall {
        Attempt trace(RpcEndpoint endpoint);
    }

    private final String chain;
    private final Counter untraced;
    private final AtomicBoolean untracedNow = new AtomicBoolean();

    BlockTracer(String chain, MeterRegistry metrics) {
        this.chain = chain;
        this.untraced = metrics.counter(UNTRACED_METER, "chain", chain);
    }

    /**
     * The internal transfers of block {@code number} per lower-case tx hash, from the first endpoint of
     * {@code order} that traces it; none when no endpoint can.
     *
     * @throws RpcException when no endpoint traced it and one that could failed transiently
     */
    Map<String, List<InternalTransfer>> transfers(long number, List<RpcEndpoint> order, TraceCall call) {
        List<String> reasons = new ArrayList<>();
        RuntimeException transientFailure = null;
        for (RpcEndpoint endpoint : order) {
            if (endpoint.refused()) {
                continue;
            }
            if (!endpoint.capabilities().shouldTry(Capability.CALL_TRACER)) {
                reasons.add(endpoint.name() + ": " + Capability.CALL_TRACER.method() + " not offered");
                continue;
            }
            try {
                switch (call.trace(endpoint)) {
                    case Attempt.Traced traced -> {
                        if (untracedNow.compareAndSet(true, false)) {
                            LOG.info("{}: internal transfers are read again (block {} traced by {})", chain, number,
                                    endpoint.name());
                        }
                        return InternalTransfers.fromBlockTrace(traced.traces());
                    }
                    case Attempt.Refused refused -> reasons.add(endpoint.name() + ": " + refused.reason());
                }
            } catch (RuntimeException e) {
                transientFailure = e;
                reasons.add(endpoint.name() + ": " + endpoint.describe(e));
            }
        }
        String why = reasons.isEmpty() ? "no usable endpoint" : String.join("; ", reasons);
        if (transientFailure != null) {
            throw new RpcException(chain + " traces of block " + number + ": " + why, RpcErrorClassifier.classify(
                    transientFailure), RpcErrorClassifier.kind(transientFailure), transientFailure);
        }
        untraced.increment();
        if (untracedNow.compareAndSet(false, true)) {
            LOG.warn("{}: block {} is published WITHOUT internal transfers: no endpoint traced it ({}); so are later "
                    + "blocks until one does (counted in {})", chain, number, why, UNTRACED_METER);
        } else {
            LOG.debug("{}: block {} published without internal transfers: {}", chain, number, why);
        }
        return Map.of();
    }

    /**
     * Asks {@code endpoint} to trace with {@code trace}, and learns from its answer what the endpoint offers
     * ({@code EndpointCapabilities.learnFrom}): a refusal becomes an {@link Attempt.Refused}
     * and a transient failure is thrown.
     */
    static Attempt attempt(RpcEndpoint endpoint, Supplier<List<Map<String, Object>>> trace) {
        try {
            List<Map<String, Object>> traces = trace.get();
            endpoint.capabilities().offered(Capability.CALL_TRACER);
            return new Attempt.Traced(traces == null ? List.of() : traces);
        } catch (RuntimeException e) {
            String reason = endpoint.describe(e);
            if (endpoint.capabilities().learnFrom(Capability.CALL_TRACER, e, reason).isTransient()) {
                throw e;
            }
            return new Attempt.Refused(reason);
        }
    }
}
