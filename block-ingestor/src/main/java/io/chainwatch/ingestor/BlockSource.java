package io.chainwatch.ingestor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetBlockReceipts;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.ingestor.rpc.BlockNotAvailableException;
import io.chainwatch.ingestor.rpc.Capability;
import io.chainwatch.ingestor.rpc.EndpointCapabilities;
import io.chainwatch.ingestor.rpc.JsonRpcBatch;
import io.chainwatch.ingestor.rpc.RpcEndpoint;
import io.chainwatch.ingestor.rpc.RpcErrorClassifier;
import io.chainwatch.ingestor.rpc.RpcPool;
import io.chainwatch.schema.InternalTransfer;

/**
 * Reads whole blocks through the pool: the block with full transactions, then its receipts by block hash (so a reorg
 * between the two calls cannot mix two blocks) with {@code eth_getBlockReceipts}, or batched
 * {@code eth_getTransactionReceipt} on endpoints without it (see {@link io.chainwatch.ingestor.rpc.Capability}).
 * Thread-safe.
 */
final class BlockSource {

    private static final ObjectMapper RECEIPTS = ObjectMapperFactory.getObjectMapper();

    private final RpcPool pool;
    private final Clock clock;
    private final boolean internalTransfers;

    BlockSource(RpcPool pool, Clock clock) {
        this(pool, clock, false);
    }

    /** @param internalTransfers also read internal transfers with {@code debug_traceBlockByNumber} (call tracer) */
    BlockSource(RpcPool pool, Clock clock, boolean internalTransfers) {
        this.pool = pool;
        this.clock = clock;
        this.internalTransfers = internalTransfers;
    }

    FetchedBlock fetch(long number, boolean backfill) {
        return pool.call("block " + number, endpoint -> {
            EthBlock.Block block = RpcPool.send(endpoint.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                    java.math.BigInteger.valueOf(number)), true)).getBlock();
            if (block == null) {
                throw new BlockNotAvailableException("block " + number + " not yet on " + endpoint.name());
            }
            List<TransactionReceipt> receipts = block.getTransactions().isEmpty()
                    ? List.of()
                    : receipts(endpoint, block);
            Map<String, List<InternalTransfer>> internal = internalTransfers && !block.getTransactions().isEmpty()
                    ? traces(endpoint, block)
                    : Map.of();
            return BlockMapper.map(pool.chain().name(), block, receipts, internal, backfill, clock.millis());
        });
    }

    /** The canonical hash at {@code number} as the best endpoint sees it now. */
    String canonicalHash(long number) {
        return pool.call("hash of block " + number, endpoint -> {
            EthBlock.Block block = RpcPool.send(endpoint.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                    java.math.BigInteger.valueOf(number)), false)).getBlock();
            if (block == null) {
                throw new BlockNotAvailableException("block " + number + " not on " + endpoint.name());
            }
            return block.getHash().toLowerCase(Locale.ROOT);
        });
    }

    /**
     * The block's receipts: with {@code eth_getBlockReceipts} unless the endpoint is known not to offer it, else with
     * batched {@code eth_getTransactionReceipt}. A non-transient refusal of {@code eth_getBlockReceipts} is remembered
     * and answered at once from the batches; it never counts against the endpoint's breaker. A transient failure
     * keeps its meaning (the pool moves on to the next endpoint).
     */
    private static List<TransactionReceipt> receipts(RpcEndpoint endpoint, EthBlock.Block block) {
        EndpointCapabilities capabilities = endpoint.capabilities();
        List<TransactionReceipt> receipts = null;
        if (capabilities.shouldTry(Capability.BLOCK_RECEIPTS)) {
            try {
                receipts = blockReceipts(endpoint, block.getHash());
                capabilities.offered(Capability.BLOCK_RECEIPTS);
            } catch (RuntimeException e) {
                if (RpcErrorClassifier.kind(e).isTransient()) {
                    throw e;
                }
                capabilities.notOffered(Capability.BLOCK_RECEIPTS, RpcErrorClassifier.describe(e));
            }
        }
        if (receipts == null) {
            receipts = batchedReceipts(endpoint, block);
        }
        for (TransactionReceipt receipt : receipts) {
            if (receipt.getBlockHash() != null && !receipt.getBlockHash().equalsIgnoreCase(block.getHash())) {
                throw new BlockNotAvailableException("receipts of block " + block.getNumber() + " changed under us");
            }
        }
        return receipts;
    }

    private static Map<String, List<InternalTransfer>> traces(RpcEndpoint endpoint, EthBlock.Block block) {
        EndpointCapabilities capabilities = endpoint.capabilities();
        if (!capabilities.shouldTry(Capability.CALL_TRACER)) {
            return Map.of(); // reported in health; blocks still flow, without internal transfers from here
        }
        Request<Object, BlockTraces> request = new Request<>("debug_traceBlockByNumber", List.of(block.getNumberRaw(),
                Map.of("tracer", "callTracer")), endpoint.web3jService(), BlockTraces.class);
        try {
            List<Map<String, Object>> traces = RpcPool.send(request).getResult();
            capabilities.offered(Capability.CALL_TRACER);
            return traces == null ? Map.of() : InternalTransfers.fromBlockTrace(traces);
        } catch (RuntimeException e) {
            if (RpcErrorClassifier.kind(e).isTransient()) {
                throw e;
            }
            capabilities.notOffered(Capability.CALL_TRACER, RpcErrorClassifier.describe(e));
            return Map.of();
        }
    }

    private static List<TransactionReceipt> blockReceipts(RpcEndpoint endpoint, String blockHash) {
        Request<String, EthGetBlockReceipts> request = new Request<>("eth_getBlockReceipts", List.of(blockHash),
                endpoint.web3jService(), EthGetBlockReceipts.class);
        List<TransactionReceipt> receipts = RpcPool.send(request).getResult();
        if (receipts == null) {
            throw new BlockNotAvailableException("no receipts for block " + blockHash + " on " + endpoint.name());
        }
        return receipts;
    }

    /**
     * Receipts one by one, in batches as large as the endpoint takes: a batch refused as too large (or batches
     * refused at all) halves the endpoint's batch limit, remembered, down to single calls.
     */
    private static List<TransactionReceipt> batchedReceipts(RpcEndpoint endpoint, EthBlock.Block block) {
        List<String> hashes = new ArrayList<>();
        for (EthBlock.TransactionResult<?> tx : block.getTransactions()) {
            hashes.add(((EthBlock.TransactionObject) tx.get()).getHash());
        }
        List<TransactionReceipt> receipts = new ArrayList<>(hashes.size());
        int next = 0;
        while (next < hashes.size()) {
            int size = Math.min(endpoint.capabilities().batchLimit(), hashes.size() - next);
            List<String> chunk = hashes.subList(next, next + size);
            try {
                for (JsonNode answer : size == 1
                        ? List.of(single(endpoint, chunk.get(0)))
                        : JsonRpcBatch.call(
                                endpoint, "eth_getTransactionReceipt",
                                chunk.stream().map(h -> List.<Object>of(h)).toList())) {
                    if (answer == null || answer.isNull()) {
                        throw new BlockNotAvailableException("receipt missing in block " + block.getNumber());
                    }
                    receipts.add(RECEIPTS.convertValue(answer, TransactionReceipt.class));
                }
                if (size > 1) {
                    endpoint.capabilities().batchAccepted(size);
                }
                next += size;
            } catch (RuntimeException e) {
                if (size == 1 || RpcErrorClassifier.kind(e).isTransient()) {
                    throw e;
                }
                endpoint.capabilities().batchRefused(size, RpcErrorClassifier.describe(e));
            }
        }
        return receipts;
    }

    private static JsonNode single(RpcEndpoint endpoint, String txHash) {
        Request<String, RawAnswer> request = new Request<>("eth_getTransactionReceipt", List.of(txHash), endpoint
                .web3jService(), RawAnswer.class);
        return RpcPool.send(request).getResult();
    }

    /** An answer kept as JSON, read into web3j's types like the batched ones. */
    public static final class RawAnswer extends Response<JsonNode> {
    }

}
