package io.chainwatch.ingestor.rpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one endpoint was found to offer, learned from answers rather than assumed: each {@link Capability} is unknown
 * until probed or used, then offered or not offered (with the answer that said so). A capability found missing is
 * tried again once {@code recheckAfter} has passed (providers change plans, nodes get upgraded), and so is a batch
 * limit learned from a "too large" answer. Time comes from the injected clock. Thread-safe (synchronized; the
 * follower, the fetch workers and health read and write it).
 */
public final class EndpointCapabilities {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointCapabilities.class);

    /** What is known of one capability. */
    public sealed interface Support {
        /** Not asked yet, or the last answer was transient. */
        record Unknown() implements Support {
        }

        /** Answered as expected at {@code at}. */
        record Offered(Instant at) implements Support {
        }

        /** Refused at {@code at}; {@code reason} is the answer, classified. */
        record NotOffered(Instant at, String reason) implements Support {
        }
    }

    private final String endpoint;
    private final Clock clock;
    private final Duration recheckAfter;
    private final int defaultBatchLimit;
    private final Map<Capability, Support> support = new EnumMap<>(Capability.class);
    private int batchLimit;
    private int largestAccepted;
    private Instant batchLimitLearnedAt;
    private Instant probedAt;

    public EndpointCapabilities(String endpoint, Clock clock, Duration recheckAfter, int defaultBatchLimit) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.recheckAfter = recheckAfter;
        this.defaultBatchLimit = defaultBatchLimit;
        this.batchLimit = defaultBatchLimit;
        for (Capability capability : Capability.values()) {
            support.put(capability, new Support.Unknown());
        }
    }

    /** Whether to use {@code capability} now: unless it was refused less than {@code recheckAfter} ago. */
    public synchronized boolean shouldTry(Capability capability) {
        return !(support.get(capability) instanceof Support.NotOffered n) || !clock.instant().isBefore(n.at().plus(
                recheckAfter));
    }

    public synchronized Support support(Capability capability) {
        return support.get(capability);
    }

    public synchronized void offered(Capability capability) {
        if (support.get(capability) instanceof Support.NotOffered) {
            LOG.info("{} offers {} again", endpoint, capability.method());
        }
        support.put(capability, new Support.Offered(clock.instant()));
    }

    /**
     * What a failed call of {@code capability} teaches, decided here only: a transient failure (a timeout, a rate
     * limit, a 5xx) and one about this request alone (too large, the block's state pruned) teach nothing; any other
     * answer — unsupported, invalid params, access denied (HTTP 401/403, a method outside the key's allowlist) — means
     * not offered here. Returns the failure's kind, so the caller can fall back for this request or rethrow.
     *
     * @param describedFailure the failure in words, safe to show (see {@link RpcEndpoint#describe(Throwable)})
     */
    public RpcErrorKind learnFrom(Capability capability, Throwable failure, String describedFailure) {
        RpcErrorKind kind = RpcErrorClassifier.kind(failure);
        if (!kind.isTransient() && !kind.isAboutThisRequest()) { // FORBIDDEN is not transient
            notOffered(capability, describedFailure);
        }
        return kind;
    }

    /** Records a non-transient refusal; says so once per change, with what chainwatch does instead. */
    public synchronized void notOffered(Capability capability, String reason) {
        if (!(support.get(capability) instanceof Support.NotOffered)) {
            LOG.warn("{} does not offer {}: {}; {}; asked again in {} min", endpoint, capability.method(), reason,
                    capability.without(), Math.max(1, recheckAfter.toMinutes()));
        }
        support.put(capability, new Support.NotOffered(clock.instant(), reason));
    }

    /** How many requests one batch may carry here; 1 means no batches. */
    public synchronized int batchLimit() {
        if (batchLimitLearnedAt != null && !clock.instant().isBefore(batchLimitLearnedAt.plus(recheckAfter))) {
            batchLimit = defaultBatchLimit; // try the full size again
            batchLimitLearnedAt = null;
            largestAccepted = 0;
        }
        return batchLimit;
    }

    /** A batch of {@code size} was answered: batches that large work here. */
    public synchronized void batchAccepted(int size) {
        largestAccepted = Math.max(largestAccepted, size);
    }

    /**
     * A batch of {@code size} was refused as too large or unsupported: halve it, but not below the largest batch
     * answered before (a limit of 2 is found from refusals of 7 and 3 and one answered batch of 2), at least 1 (no
     * batches).
     */
    public synchronized void batchRefused(int size, String reason) {
        int halved = Math.min(batchLimit, size / 2);
        int next = Math.max(1, largestAccepted < size ? Math.max(halved, largestAccepted) : halved);
        if (next < batchLimit) {
            LOG.info("{} refused a batch of {} ({}): batches of at most {} from now on", endpoint, size, reason,
                    next);
        }
        batchLimit = next;
        batchLimitLearnedAt = clock.instant();
    }

    /** Whether a probe is due: never probed, or last probed {@code recheckAfter} ago. */
    synchronized boolean probeDue() {
        return probedAt == null || !clock.instant().isBefore(probedAt.plus(recheckAfter));
    }

    synchronized void probed() {
        probedAt = clock.instant();
    }

    /** One capability in words: "eth_getBlockReceipts", "not offered (…)", "not probed yet". */
    public synchronized String describe(Capability capability) {
        return switch (support.get(capability)) {
            case Support.Unknown u -> "not probed yet";
            case Support.Offered o -> "yes";
            case Support.NotOffered n -> "no, " + capability.without() + " (" + n.reason() + ")";
        };
    }
}
