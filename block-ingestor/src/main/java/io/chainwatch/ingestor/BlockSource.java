package io.chainwatch.ingestor;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetBlockReceipts;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import io.chainwatch.ingestor.rpc.BlockNotAvailableException;
import io.chainwatch.ingestor.rpc.JsonRpcErrorException;
import io.chainwatch.ingestor.rpc.RpcEndpoint;
import io.chainwatch.ingestor.rpc.RpcErrorClassifier;
import io.chainwatch.ingestor.rpc.RpcFailure;
import io.chainwatch.ingestor.rpc.RpcPool;
import io.chainwatch.schema.InternalTransfer;

/**
 * Reads whole blocks through the pool: the block with full transactions, then its receipts by block hash (so a reorg
 * between the two calls cannot mix two blocks) with {@code eth_getBlockReceipts}, or batched
 * {@code eth_getTransactionReceipt} on endpoints without it. Thread-safe.
 */
final class BlockSource {

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

    private static List<TransactionReceipt> receipts(RpcEndpoint endpoint, EthBlock.Block block) throws IOException {
        List<TransactionReceipt> receipts = null;
        if (!endpoint.blockReceiptsUnsupported()) {
            try {
                receipts = blockReceipts(endpoint, block.getHash());
            } catch (JsonRpcErrorException e) {
                if (RpcErrorClassifier.classify(e) != RpcFailure.METHOD_UNSUPPORTED) {
                    throw e;
                }
                endpoint.markBlockReceiptsUnsupported();
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
        if (endpoint.tracesUnsupported()) {
            return Map.of();
        }
        Request<Object, BlockTraces> request = new Request<>("debug_traceBlockByNumber", List.of(block.getNumberRaw(),
                Map.of("tracer", "callTracer")), endpoint.web3jService(), BlockTraces.class);
        try {
            List<Map<String, Object>> traces = RpcPool.send(request).getResult();
            return traces == null ? Map.of() : InternalTransfers.fromBlockTrace(traces);
        } catch (JsonRpcErrorException e) {
            if (RpcErrorClassifier.classify(e) == RpcFailure.METHOD_UNSUPPORTED) {
                endpoint.markTracesUnsupported(); // this node offers no tracer: blocks still flow, without internals
                return Map.of();
            }
            throw e;
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

    private static List<TransactionReceipt> batchedReceipts(RpcEndpoint endpoint, EthBlock.Block block)
            throws IOException {
        BatchRequest batch = endpoint.web3j().newBatch();
        for (EthBlock.TransactionResult<?> tx : block.getTransactions()) {
            batch.add(endpoint.web3j().ethGetTransactionReceipt(((EthBlock.TransactionObject) tx.get()).getHash()));
        }
        BatchResponse response = batch.send();
        List<TransactionReceipt> receipts = new ArrayList<>();
        for (Response<?> single : response.getResponses()) {
            if (single.hasError()) {
                throw new JsonRpcErrorException(single.getError().getCode(), single.getError().getMessage());
            }
            receipts.add(((EthGetTransactionReceipt) single).getTransactionReceipt().orElseThrow(
                    () -> new BlockNotAvailableException("receipt missing in block " + block.getNumber())));
        }
        return receipts;
    }

}
