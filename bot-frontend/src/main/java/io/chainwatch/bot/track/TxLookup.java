package io.chainwatch.bot.track;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Looks a transaction up on its chain's nodes: {@code eth_getTransactionByHash}, then for a mined one its receipt,
 * the head and the finalized block, and for a failed one why it reverted — from the node's call tracer where it
 * offers one ({@code revertReason}), else by replaying the call on the parent block's state ({@code eth_call}, whose
 * error carries the revert data; the state before the transaction may differ from the parent's when earlier
 * transactions of the same block touched it, so this reason is the node's best guess, as explorers' is).
 */
public final class TxLookup {

    /**
     * How deep a block must be to count as final on a node that does not answer the {@code finalized} block tag: two
     * epochs of Ethereum's proof of stake, which is more than any preset chain needs.
     */
    public static final int FALLBACK_FINAL_DEPTH = 64;

    private TxLookup() {
    }

    /** @throws IOException when the nodes did not answer (the caller says so, and tries again later) */
    public static TxStatus lookup(ChainRpc rpc, String hash) throws IOException {
        String txHash = hash.toLowerCase(Locale.ROOT);
        JsonNode tx = rpc.call("eth_getTransactionByHash", txHash);
        if (tx == null || !tx.isObject()) {
            return new TxStatus.Unknown(txHash);
        }
        String from = tx.path("from").asText("").toLowerCase(Locale.ROOT);
        Optional<String> to = address(tx.path("to"));
        BigInteger value = quantity(tx.path("value"));
        long nonce = quantity(tx.path("nonce")).longValueExact();
        JsonNode receipt = hasQuantity(tx.path("blockNumber")) ? rpc.call("eth_getTransactionReceipt", txHash) : null;
        if (receipt == null || !receipt.isObject() || !hasQuantity(receipt.path("blockNumber"))) {
            // not mined, or mined an instant ago and not yet indexed: pending either way until the receipt is there
            BigInteger maxFee = hasQuantity(tx.path("maxFeePerGas"))
                    ? quantity(tx.path("maxFeePerGas"))
                    : quantity(tx
                            .path("gasPrice"));
            Optional<BigInteger> tip = hasQuantity(tx.path("maxPriorityFeePerGas"))
                    ? Optional.of(quantity(tx.path(
                            "maxPriorityFeePerGas")))
                    : Optional.empty();
            return new TxStatus.Pending(txHash, from, to, value, nonce, maxFee, tip);
        }
        long block = quantity(receipt.path("blockNumber")).longValueExact();
        String blockHash = receipt.path("blockHash").asText("").toLowerCase(Locale.ROOT);
        long head = Math.max(block, quantity(rpc.call("eth_blockNumber")).longValueExact());
        // pre-Byzantium receipts carry a state root instead of a status: they could not fail silently
        boolean succeeded = !hasQuantity(receipt.path("status")) || quantity(receipt.path("status")).signum() != 0;
        BigInteger price = hasQuantity(receipt.path("effectiveGasPrice"))
                ? quantity(receipt.path(
                        "effectiveGasPrice"))
                : quantity(tx.path("gasPrice"));
        BigInteger fee = quantity(receipt.path("gasUsed")).multiply(price);
        Optional<String> createdOrTo = to.isPresent() ? to : address(receipt.path("contractAddress"));
        Optional<String> reason = succeeded ? Optional.empty() : revertReason(rpc, tx, block);
        return new TxStatus.Mined(txHash, from, createdOrTo, value, nonce, block, blockHash, succeeded, reason, fee,
                head - block + 1, block <= finalizedBlock(rpc, head));
    }

    /** The chain's finalized block: the node's {@code finalized} tag, or {@link #FALLBACK_FINAL_DEPTH} below the head. */
    static long finalizedBlock(ChainRpc rpc, long head) throws IOException {
        try {
            JsonNode finalized = rpc.call("eth_getBlockByNumber", "finalized", false);
            if (finalized != null && hasQuantity(finalized.path("number"))) {
                return quantity(finalized.path("number")).longValueExact();
            }
        } catch (ChainRpc.RpcError unsupportedTag) {
            // an older node, or one without a consensus client's finality: count blocks instead
        }
        return head - FALLBACK_FINAL_DEPTH + 1;
    }

    static Optional<String> revertReason(ChainRpc rpc, JsonNode tx, long block) throws IOException {
        String hash = tx.path("hash").asText();
        try {
            JsonNode trace = rpc.call("debug_traceTransaction", hash, Map.of("tracer", "callTracer", "tracerConfig", Map
                    .of("onlyTopCall", true)));
            Optional<String> reason = RevertReason.text(trace.path("revertReason").asText(null));
            if (reason.isEmpty()) {
                reason = RevertReason.decode(trace.path("output").asText(""));
            }
            if (reason.isPresent()) {
                return reason;
            }
        } catch (ChainRpc.RpcError noTracer) {
            // no debug namespace on this node (most providers): replay the call instead
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("from", tx.path("from").asText());
        if (tx.hasNonNull("to")) {
            call.put("to", tx.path("to").asText());
        }
        call.put("data", tx.path("input").asText("0x"));
        call.put("value", tx.path("value").asText("0x0"));
        call.put("gas", tx.path("gas").asText());
        try {
            rpc.call("eth_call", call, "0x" + Long.toHexString(Math.max(0, block - 1)));
            return Optional.empty(); // it would not revert on the parent's state: the reason depended on its block
        } catch (ChainRpc.RpcError reverted) {
            return RevertReason.decode(reverted.data());
        }
    }

    private static Optional<String> address(JsonNode node) {
        String text = node.isTextual() ? node.asText() : "";
        return text.isEmpty() ? Optional.empty() : Optional.of(text.toLowerCase(Locale.ROOT));
    }

    private static boolean hasQuantity(JsonNode node) {
        return node.isTextual() && node.asText().startsWith("0x") && node.asText().length() > 2;
    }

    static BigInteger quantity(JsonNode node) {
        if (!hasQuantity(node)) {
            return BigInteger.ZERO;
        }
        return new BigInteger(node.asText().substring(2), 16);
    }
}
