package io.chainwatch.ingestor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.ingestor.BlockJson.RawBlock;
import io.chainwatch.ingestor.BlockJson.RawReceipt;
import io.chainwatch.ingestor.BlockJson.RawTx;
import io.chainwatch.ingestor.rpc.BlockNotAvailableException;
import io.chainwatch.ingestor.rpc.Capability;
import io.chainwatch.ingestor.rpc.EndpointCapabilities;
import io.chainwatch.ingestor.rpc.JsonRpcBatch;
import io.chainwatch.ingestor.rpc.JsonRpcCall;
import io.chainwatch.ingestor.rpc.RpcEndpoint;
import io.chainwatch.ingestor.rpc.RpcErrorClassifier;
import io.chainwatch.ingestor.rpc.RpcPool;
import io.chainwatch.schema.InternalTransfer;

/**
 * Reads whole blocks through the pool: the block with full transactions, then its receipts by block hash (so a reorg
 * between the two calls cannot mix two blocks) with {@code eth_getBlockReceipts}, or batched
 * {@code eth_getTransactionReceipt} on endpoints without it (see {@link Capability}); where internal transfers are
 * wanted, then its traces from an endpoint that can trace it ({@link BlockTracer}). The block and its receipts are read
 * as they stream in ({@link BlockJson}), not through web3j's object mapping: they are nearly all of the ingestor's
 * bytes and were most of its time; web3j stays the client for every other call. Thread-safe.
 */
final class BlockSource {

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
    private record Read(RawBlock block, List<RawReceipt> receipts, RpcEndpoint servedBy) {
    }

    FetchedBlock fetch(long number, boolean backfill) {
        Read read = pool.call("block " + number, endpoint -> {
            RawBlock block = JsonRpcCall.call(endpoint, "eth_getBlockByNumber", List.of(quantity(number), true),
                    BlockJson::block);
            if (block == null) {
                throw new BlockNotAvailableException("block " + number + " not yet on " + endpoint.name());
            }
            List<RawReceipt> receipts = block.transactions().isEmpty()
                    ? List.of()
                    : receipts(endpoint, block);
            return new Read(block, receipts, endpoint);
        });
        Map<String, List<InternalTransfer>> internal = tracer != null && !read.block().transactions().isEmpty()
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
        RawBlock block = read.block();
        if (endpoint != read.servedBy()) {
            EthBlock.Block there = RpcPool.send(endpoint.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(
                    BigInteger.valueOf(block.number())), false)).getBlock();
            if (there == null || !block.hash().equalsIgnoreCase(there.getHash())) {
                throw new BlockNotAvailableException("block " + block.number() + " " + block.hash() + " not on "
                        + endpoint.name());
            }
        }
        Request<Object, BlockTraces> request = new Request<>("debug_traceBlockByNumber", List.of(quantity(block
                .number()),
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
    private static List<RawReceipt> receipts(RpcEndpoint endpoint, RawBlock block) {
        EndpointCapabilities capabilities = endpoint.capabilities();
        List<RawReceipt> receipts = null;
        if (capabilities.shouldTry(Capability.BLOCK_RECEIPTS)) {
            try {
                receipts = blockReceipts(endpoint, block.hash());
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
        for (RawReceipt receipt : receipts) {
            if (receipt.blockHash() != null && !receipt.blockHash().equals(block.hash())) {
                throw new BlockNotAvailableException("receipts of block " + block.number() + " changed under us");
            }
        }
        return receipts;
    }

    private static List<RawReceipt> blockReceipts(RpcEndpoint endpoint, String blockHash) {
        List<RawReceipt> receipts = JsonRpcCall.call(endpoint, "eth_getBlockReceipts", List.of(blockHash),
                BlockJson::receipts);
        if (receipts == null) {
            throw new BlockNotAvailableException("no receipts for block " + blockHash + " on " + endpoint.name());
        }
        return receipts;
    }

    /**
     * Receipts one by one, in batches as large as the endpoint takes: a batch refused as too large (or batches
     * refused at all) halves the endpoint's batch limit, remembered, down to single calls.
     */
    private static List<RawReceipt> batchedReceipts(RpcEndpoint endpoint, RawBlock block) {
        List<String> hashes = block.transactions().stream().map(RawTx::hash).toList();
        List<RawReceipt> receipts = new ArrayList<>(hashes.size());
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
                        throw new BlockNotAvailableException("receipt missing in block " + block.number());
                    }
                    receipts.add(receipt(answer));
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

    /** A receipt answered inside a batch (or alone), read like those of {@code eth_getBlockReceipts}. */
    private static RawReceipt receipt(JsonNode answer) {
        try (JsonParser parser = answer.traverse()) {
            parser.nextToken();
            return BlockJson.receipt(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quantity(long number) {
        return "0x" + Long.toHexString(number);
    }

    /** An answer kept as JSON, read like the batched ones. */
    public static final class RawAnswer extends Response<JsonNode> {
    }

}
