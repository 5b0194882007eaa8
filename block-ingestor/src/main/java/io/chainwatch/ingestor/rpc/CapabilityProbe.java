package io.chainwatch.ingestor.rpc;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetBlockReceipts;

/**
 * Asks an endpoint, once at first contact and again every {@link RpcSettings#capabilityRecheck()}, which
 * {@link Capability capabilities} it offers, on the block at its head: {@code eth_getBlockReceipts} by that block's
 * hash, {@code debug_traceBlockByNumber} with the call tracer (only where internal transfers are wanted: tracing a
 * full block is not free), and a batch of two calls. An answer means offered; what an error means is decided by
 * {@link EndpointCapabilities#learnFrom}: a transient one (a timeout, a rate limit) or one about that block alone
 * (too large, its state pruned) teaches nothing, and the fetches learn it on first use instead.
 */
final class CapabilityProbe {

    private CapabilityProbe() {
    }

    /** Probes {@code endpoint} at block {@code head}; records what it learned in its capabilities. */
    static void probe(RpcEndpoint endpoint, long head, boolean traces) {
        EndpointCapabilities capabilities = endpoint.capabilities();
        capabilities.probed(); // also when a probe fails half-way: use teaches the rest, no probe storm
        String number = "0x" + Long.toHexString(head);
        EthBlock.Block block = RpcPool.send(endpoint.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                BigInteger.valueOf(head)), false)).getBlock();
        if (block != null) {
            learn(endpoint, Capability.BLOCK_RECEIPTS, () -> RpcPool.send(new Request<>("eth_getBlockReceipts",
                    List.of(block.getHash()), endpoint.web3jService(), EthGetBlockReceipts.class)));
        }
        if (traces) {
            learn(endpoint, Capability.CALL_TRACER, () -> RpcPool.send(new Request<>("debug_traceBlockByNumber",
                    List.of(number, Map.of("tracer", "callTracer")), endpoint.web3jService(), TraceAnswer.class)));
        }
        if (capabilities.batchLimit() > 1) {
            try {
                JsonRpcBatch.call(endpoint, "eth_chainId", List.of(List.of(), List.of()));
                capabilities.batchAccepted(2);
            } catch (RuntimeException e) {
                if (!RpcErrorClassifier.kind(e).isTransient()) {
                    capabilities.batchRefused(2, endpoint.describe(e)); // no batches here
                }
            }
        }
    }

    private static void learn(RpcEndpoint endpoint, Capability capability, Supplier<? extends Response<?>> call) {
        try {
            if (call.get().getResult() != null) {
                endpoint.capabilities().offered(capability);
            }
        } catch (RuntimeException e) {
            endpoint.capabilities().learnFrom(capability, e, endpoint.describe(e));
        }
    }

    /** Any answer of the tracer: the probe only asks whether there is one. */
    static final class TraceAnswer extends Response<Object> {
    }
}
