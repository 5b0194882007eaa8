package io.chainwatch.ingestor.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one endpoint is and can do, as {@code /health} and {@code ./chainwatch health} show it.
 *
 * @param name the endpoint, redacted (scheme, host and port)
 * @param chainId the chain id it reported, empty until it was asked
 * @param head the last head it reported, -1 before the first answer
 * @param capabilities each capability in words ("receipts: yes", "traces: no, … (…)")
 * @param batchLimit requests per batch it takes (1: no batches)
 * @param lastError its last failure in words with its time, empty when it never failed
 */
public record EndpointStatus(String name, OptionalLong chainId, long head, List<String> capabilities, int batchLimit,
        Optional<String> lastError) {

    /** The status of a call endpoint as learned so far; {@code traces} says whether the call tracer is wanted. */
    static EndpointStatus of(RpcEndpoint endpoint, boolean traces) {
        EndpointCapabilities learned = endpoint.capabilities();
        List<String> capabilities = new ArrayList<>();
        capabilities.add(Capability.BLOCK_RECEIPTS.shortName() + ": " + learned.describe(Capability.BLOCK_RECEIPTS));
        capabilities.add(Capability.CALL_TRACER.shortName() + ": " + (traces
                ? learned.describe(Capability.CALL_TRACER)
                : "not asked (internal transfers are off for this chain)"));
        return new EndpointStatus(endpoint.name(), endpoint.reportedChainId(), endpoint.head(), List.copyOf(
                capabilities), learned.batchLimit(), endpoint.lastError());
    }

    /** One line: "chain id 31337, head 12, receipts: yes, traces: …, batches of up to 100, last error: none". */
    public String describe() {
        return "chain id " + (chainId.isPresent() ? Long.toString(chainId.getAsLong()) : "not known yet") + ", head "
                + (head < 0 ? "not known yet" : Long.toString(head)) + ", " + String.join(", ", capabilities) + ", "
                + (batchLimit > 1 ? "batches of up to " + batchLimit : "no batches (one call per request)")
                + ", last error: " + lastError.orElse("none");
    }
}
