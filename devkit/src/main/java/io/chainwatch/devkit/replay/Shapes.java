package io.chainwatch.devkit.replay;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How geth and anvil shape a transaction, a receipt and a block header in JSON: the one place both
 * {@link ReplayChain} and {@link LiveReplayChain} write them. Pure.
 */
final class Shapes {

    static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    static final String TRANSFER_SELECTOR = "0xa9059cbb";
    static final String ZERO_BLOOM = "0x" + "0".repeat(512);
    static final String ZERO_WORD = "0x" + "0".repeat(64);
    /** The root of an empty trie: a block without withdrawals. */
    static final String EMPTY_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
    private static final HexFormat HEX = HexFormat.of();

    /** The ERC-20 {@code Transfer} log of a receipt. */
    record TransferLog(String token, String from, String to, String amountHex, long logIndex) {
    }

    /** The fields of a header that are not derived from its transactions. */
    record Header(String hash, String parent, String miner, String sha3Uncles, String stateRoot,
            String transactionsRoot, String receiptsRoot, long number, long gasUsed, long timestamp, String mixHash,
            long size) {
    }

    private Shapes() {
    }

    static void tx(StringBuilder txs, String type, long chainId, long nonce, long gas, long gasPrice, String to,
            long value, String input, String r, String s, String txHash, String blockHash, long number, int index,
            String from) {
        txs.append("{\"type\":\"").append(type).append("\",\"chainId\":\"").append(quantity(chainId))
                .append("\",\"nonce\":\"").append(quantity(nonce)).append("\",\"gas\":\"").append(quantity(gas));
        if (type.equals("0x2")) {
            txs.append("\",\"maxFeePerGas\":\"").append(quantity(gasPrice * 2)).append(
                    "\",\"maxPriorityFeePerGas\":\"").append(quantity(1_000_000)).append(
                            "\",\"accessList\":[],\"yParity\":\"0x1");
        }
        txs.append("\",\"gasPrice\":\"").append(quantity(gasPrice)).append("\",\"to\":").append(to == null
                ? "null"
                : "\"" + to + "\"").append(",\"value\":\"").append(quantity(value)).append("\",\"input\":\"")
                .append(input).append("\",\"r\":\"").append(r).append("\",\"s\":\"").append(s)
                .append("\",\"v\":\"").append(type.equals("0x2") ? "0x1" : quantity(chainId * 2 + 35))
                .append("\",\"hash\":\"").append(txHash).append("\",\"blockHash\":\"").append(blockHash)
                .append("\",\"blockNumber\":\"").append(quantity(number)).append("\",\"transactionIndex\":\"")
                .append(quantity(index)).append("\",\"from\":\"").append(from).append("\"}");
    }

    static String receipt(String type, long cumulativeGas, TransferLog log, long timestamp, String txHash, int index,
            String blockHash, long number, long gas, long gasPrice, String from, String to, String contractAddress) {
        StringBuilder receipt = new StringBuilder(900);
        receipt.append("{\"type\":\"").append(type).append("\",\"status\":\"0x1\",\"cumulativeGasUsed\":\"")
                .append(quantity(cumulativeGas)).append("\",\"logs\":[");
        if (log != null) {
            receipt.append("{\"address\":\"").append(log.token()).append("\",\"topics\":[\"").append(TRANSFER_TOPIC)
                    .append("\",\"0x").append(pad(log.from())).append("\",\"0x").append(pad(log.to()))
                    .append("\"],\"data\":\"0x").append(pad(log.amountHex())).append("\",\"blockHash\":\"")
                    .append(blockHash).append("\",\"blockNumber\":\"").append(quantity(number))
                    .append("\",\"blockTimestamp\":\"").append(quantity(timestamp))
                    .append("\",\"transactionHash\":\"").append(txHash).append("\",\"transactionIndex\":\"")
                    .append(quantity(index)).append("\",\"logIndex\":\"").append(quantity(log.logIndex()))
                    .append("\",\"removed\":false}");
        }
        receipt.append("],\"logsBloom\":\"").append(ZERO_BLOOM).append("\",\"transactionHash\":\"").append(txHash)
                .append("\",\"transactionIndex\":\"").append(quantity(index)).append("\",\"blockHash\":\"")
                .append(blockHash).append("\",\"blockNumber\":\"").append(quantity(number))
                .append("\",\"gasUsed\":\"").append(quantity(gas)).append("\",\"effectiveGasPrice\":\"")
                .append(quantity(gasPrice)).append("\",\"from\":\"").append(from).append("\",\"to\":")
                .append(to == null ? "null" : "\"" + to + "\"").append(",\"contractAddress\":")
                .append(contractAddress == null ? "null" : "\"" + contractAddress + "\"").append('}');
        return receipt.toString();
    }

    /** A header's fields as a JSON object's start, without its closing brace. */
    private static String fields(Header h) {
        return "{\"hash\":\"" + h.hash() + "\",\"parentHash\":\"" + h.parent() + "\",\"sha3Uncles\":\""
                + h.sha3Uncles() + "\",\"miner\":\"" + h.miner() + "\",\"stateRoot\":\"" + h.stateRoot()
                + "\",\"transactionsRoot\":\"" + h.transactionsRoot() + "\",\"receiptsRoot\":\"" + h.receiptsRoot()
                + "\",\"logsBloom\":\"" + ZERO_BLOOM + "\",\"difficulty\":\"0x0\",\"number\":\"" + quantity(h
                        .number())
                + "\",\"gasLimit\":\"0x1c9c380\",\"gasUsed\":\"" + quantity(h.gasUsed()) + "\",\"timestamp\":\""
                + quantity(h.timestamp()) + "\",\"extraData\":\"0x\",\"mixHash\":\"" + h.mixHash()
                + "\",\"nonce\":\"0x0000000000000000\",\"baseFeePerGas\":\"0x3b9aca00\"";
    }

    /** A block's JSON up to its transactions' array, opened: {@code ..."transactions":[}. */
    static String blockStart(Header h) {
        return fields(h) + ",\"size\":\"" + quantity(h.size()) + "\",\"uncles\":[],\"withdrawals\":[],"
                + "\"transactions\":[";
    }

    /** A block with hashes only, from {@link #blockStart}. */
    static String withHashes(String start, List<String> txHashes) {
        StringBuilder out = new StringBuilder(start.length() + txHashes.size() * 69 + 2).append(start);
        for (int i = 0; i < txHashes.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(txHashes.get(i)).append('"');
        }
        return out.append("]}").toString();
    }

    /** The header as geth pushes it to {@code newHeads} subscribers: no transactions, uncles or size. */
    static String newHead(Header h) {
        return fields(h) + ",\"withdrawalsRoot\":\"" + EMPTY_ROOT + "\"}";
    }

    static String word(SplittableRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "0x" + HEX.formatHex(bytes);
    }

    static String address(SplittableRandom random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return "0x" + HEX.formatHex(bytes);
    }

    /** A 32-byte ABI word of a hex value or an address (without 0x). */
    static String pad(String hex) {
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        return "0".repeat(64 - digits.length()) + digits;
    }

    static String quantity(long value) {
        return "0x" + Long.toHexString(value);
    }
}
