package io.chainwatch.ingestor;

import java.math.BigInteger;
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
 * {@code eth_getTransactionReceipt} on endpoints without it (see {@link Capability}); where internal transfers are
 * wanted, then its traces from an endpoint that can trace it ({@link BlockTracer}). Thread-safe.
 */
final class BlockSource {

    private static final ObjectMapper RECEIPTS = ObjectMapperFactory.getObjectMapper();

    private final RpcPool pool;
    private final Clock clock;
    private final BlockTracer tracer;

    BlockSource(RpcPool pool, Clock clock) {
        this(pool, clock, false);
    }

    /** @param internalTransfers also read internal transfers with {@code debug_traceBlockByNumber} (call tracer) */
    BlockSource(RpcPool pool, Clock clock, boolean internalTransfers) {
        this.pool = pool;
        this.clock = clock;
        this.tracer = internalTransfers ? new BlockTracer(pool.chain().name(), pool.metrics()) : null;
    }

    /** A block and its receipts, and the endpoint that served them. */
    private record Read(EthBlock.Block block, List<TransactionReceipt> receipts, RpcEndpoint servedBy) {
    }

    FetchedBlock fetch(long number, boolean backfill) {
        Read read = pool.call("block " + number, endpoint -> {
            EthBlock.Block block = RpcPool.send(endpoint.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                    BigInteger.valueOf(number)), true)).getBlock();
            if (block == null) {
                throw new BlockNotAvailableException("block " + number + " not yet on " + endpoint.name());
            }
            List<TransactionReceipt> receipts = block.getTransactions().isEmpty()
                    ? List.of()
                    : receipts(endpoint, block);
            return new Read(block, receipts, endpoint);
        });
        Map<String, List<InternalTransfer>> internal = tracer != null && !read.block().getTransactions().isEmpty()
                ? pool.retrying("traces of block " + number, () -> tracer.transfers(number, tracingOrder(read
                        .servedBy()),
                        endpoint -> pool.callOn(endpoint, "traces of block " + number, e -> trace(e,
                                read))))
                : Map.of();
        return BlockMapper.map(pool.chain().name(), read.block(), read.receipts(), internal, backfill, clock
                .millis());
    }

    /** The endpoint that served the block first (its traces match it for sure), then the others by priority. */
    private List<RpcEndpoint> tracingOrder(RpcEndpoint servedBy) {
        List<RpcEndpoint> order = new ArrayList<>(List.of(servedBy));
        pool.endpoints().stream().filter(e -> e != servedBy).forEach(order::add);
        return order;
    }

    /**
     * The block's traces from {@code endpoint}, by number: on another endpoint than the one that served the block,
     * only while that number holds the same block there (a reorg in between reads the block again).
     */
    private static BlockTracer.Attempt trace(RpcEndpoint endpoint, Read read) {
        EthBlock.Block block = read.block();
        if (endpoint != read.servedBy()) {
            EthBlock.Block there = RpcPool.send(endpoint.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                    block.getNumber()), false)).getBlock();
            if (there == null || !block.getHash().equalsIgnoreCase(there.getHash())) {
                throw new BlockNotAvailableException("block " + block.getNumber() + " " + block.getHash()
                        + " not on " + endpoint.name());
            }
        }
        Request<Object, BlockTraces> request = new Request<>("debug_traceBlockByNumber", List.of(block.getNumberRaw(),
                Map.of("tracer", "callTracer")), endpoint.web3jService(), BlockTraces.class);
        return BlockTracer.attempt(endpoint, () -> RpcPool.send(request).getResult());
    }

    /** The canonical hash at {@code number} as the best endpoint sees it now. */
    String canonicalHash(long number) {
        return pool.call("hash of block " + number, endpoint -> {
            EthBlock.Block block = RpcPool.send(endpoint.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                    BigInteger.valueOf(number)), false)).getBlock();
            if (block == null) {
                throw new BlockNotAvailableException("block " + number + " not on " + endpoint.name());
            }
            return block.getHash().toLowerCase(Locale.ROOT);
        });
    }

    /**
     * The block's receipts: with {@code eth_getBlockReceipts} unless the endpoint is known not to offer it, else with
     * batched {@code eth_getTransactionReceipt}. A refusal of {@code eth_getBlockReceipts} is answered at once from
     * the batches, and remembered as "not offered" unless it was about this block alone (too large: the next block
     * asks again); it never counts against the endpoint's breaker. A transient failure keeps its meaning (the pool
     * moves on to the next endpoint).
     */
    private static List<TransactionReceipt> receipts(RpcEndpoint endpoint, EthBlock.Block block) {
        EndpointCapabilities capabilities = endpoint.capabilities();
        List<TransactionReceipt> receipts = null;
        if (capabilities.shouldTry(Capability.BLOCK_RECEIPTS)) {
            try {
                receipts = blockReceipts(endpoint, block.getHash());
                capabilities.offered(Capability.BLOCK_RECEIPTS);
            } catch (RuntimeException e) {
                if (capabilities.learnFrom(Capability.BLOCK_RECEIPTS, e, endpoint.describe(e)).isTransient()) {
                    throw e;
                }
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
                    if (answer == null || answer.isNull() || answer.isMissingNode()) {
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
                endpoint.capabilities().batchRefused(size, endpoint.describe(e));
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
