package io.chainwatch.devkit.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A chain of {@code blocks} blocks after an empty genesis, each with {@code txPerBlock} transactions shaped as geth and
 * anvil answer them: two in three native transfers (type 2, every fifth type 0), one in three an ERC-20
 * {@code transfer} whose receipt carries its {@code Transfer} log, one in fifty a contract creation ({@code to} null,
 * {@code contractAddress} set). Hashes are made up (not keccak) but unique, and each block's parent hash is the hash of
 * the block before it. Every answer is serialised to bytes once, here. Immutable once generated.
 */
public final class ReplayChain {

    static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private static final String ZERO_BLOOM = "0x" + "0".repeat(512);
    private static final HexFormat HEX = HexFormat.of();

    /** One block's answers: with full transactions, with hashes only, and its receipts. */
    record Block(long number, String hash, byte[] full, byte[] header, byte[] receipts, List<String> txHashes) {
    }

    private final long chainId;
    private final List<Block> blocks;
    private final Map<String, Block> byHash;
    private final Map<String, byte[]> receiptByTx;
    private final int txPerBlock;

    private ReplayChain(long chainId, int txPerBlock, List<Block> blocks, Map<String, byte[]> receiptByTx) {
        this.chainId = chainId;
        this.txPerBlock = txPerBlock;
        this.blocks = List.copyOf(blocks);
        this.receiptByTx = receiptByTx;
        this.byHash = new HashMap<>();
        blocks.forEach(b -> byHash.put(b.hash(), b));
    }

    /** Blocks 1..{@code blocks} of {@code txPerBlock} transactions after an empty genesis; the same seed, the same chain. */
    public static ReplayChain generate(long chainId, int blocks, int txPerBlock, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] accounts = new String[64];
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = address(random);
        }
        String[] tokens = {address(random), address(random), address(random)};
        long[] nonces = new long[accounts.length];
        List<Block> list = new ArrayList<>(blocks + 1);
        Map<String, byte[]> receiptByTx = new HashMap<>();
        String parent = "0x" + "0".repeat(64);
        long timestamp = 1_700_000_000L;
        for (long number = 0; number <= blocks; number++) {
            int count = number == 0 ? 0 : txPerBlock;
            String hash = word(random);
            StringBuilder txs = new StringBuilder(count * 700);
            StringBuilder receipts = new StringBuilder(count * 900);
            List<String> txHashes = new ArrayList<>(count);
            long cumulativeGas = 0;
            int logIndex = 0;
            for (int i = 0; i < count; i++) {
                int sender = random.nextInt(accounts.length);
                String from = accounts[sender];
                long nonce = nonces[sender]++;
                String txHash = word(random);
                txHashes.add(txHash);
                int kind = i % 50 == 49 ? 2 : i % 3 == 2 ? 1 : 0; // 0 native, 1 ERC-20, 2 creation
                String type = kind == 0 && i % 5 == 0 ? "0x0" : "0x2";
                String recipient = accounts[random.nextInt(accounts.length)];
                String to = switch (kind) {
                    case 1 -> tokens[i % tokens.length];
                    case 2 -> null;
                    default -> recipient;
                };
                long value = kind == 0 ? 1 + random.nextLong(1L << 60) : 0;
                long amount = 1 + random.nextLong(1L << 50);
                String input = switch (kind) {
                    case 1 -> "0xa9059cbb" + pad(recipient) + pad(Long.toHexString(amount));
                    case 2 ->
                        "0x6080604052348015600f57600080fd5b50603f80601d6000396000f3fe6080604052600080fdfea164736f6c6343000818000a";
                    default -> "0x";
                };
                long gas = kind == 0 ? 21_000 : kind == 1 ? 51_000 : 120_000;
                cumulativeGas += gas;
                long gasPrice = 1_000_000_000L + random.nextInt(1_000_000_000);
                if (i > 0) {
                    txs.append(',');
                    receipts.append(',');
                }
                txs.append("{\"type\":\"").append(type).append("\",\"chainId\":\"").append(quantity(chainId))
                        .append("\",\"nonce\":\"").append(quantity(nonce)).append("\",\"gas\":\"").append(quantity(
                                gas));
                if (type.equals("0x2")) {
                    txs.append("\",\"maxFeePerGas\":\"").append(quantity(gasPrice * 2)).append(
                            "\",\"maxPriorityFeePerGas\":\"").append(quantity(1_000_000)).append(
                                    "\",\"accessList\":[],\"yParity\":\"0x1");
                }
                txs.append("\",\"gasPrice\":\"").append(quantity(gasPrice)).append("\",\"to\":").append(to == null
                        ? "null"
                        : "\"" + to + "\"").append(",\"value\":\"").append(quantity(value)).append("\",\"input\":\"")
                        .append(input).append("\",\"r\":\"").append(word(random)).append("\",\"s\":\"").append(word(
                                random))
                        .append("\",\"v\":\"").append(type.equals("0x2") ? "0x1" : quantity(chainId * 2 + 35)).append(
                                "\",\"hash\":\"")
                        .append(txHash).append("\",\"blockHash\":\"").append(hash).append(
                                "\",\"blockNumber\":\"")
                        .append(quantity(number)).append(
                                "\",\"transactionIndex\":\"")
                        .append(quantity(i)).append(
                                "\",\"from\":\"")
                        .append(from).append("\"}");
                StringBuilder receipt = new StringBuilder(900);
                receipt.append("{\"type\":\"").append(type).append("\",\"status\":\"0x1\",\"cumulativeGasUsed\":\"")
                        .append(quantity(cumulativeGas)).append("\",\"logs\":[");
                if (kind == 1) {
                    receipt.append("{\"address\":\"").append(to).append("\",\"topics\":[\"").append(TRANSFER_TOPIC)
                            .append("\",\"0x").append(pad(from)).append("\",\"0x").append(pad(recipient)).append(
                                    "\"],\"data\":\"0x")
                            .append(pad(Long.toHexString(amount))).append(
                                    "\",\"blockHash\":\"")
                            .append(hash).append("\",\"blockNumber\":\"")
                            .append(quantity(number)).append("\",\"blockTimestamp\":\"").append(quantity(timestamp))
                            .append("\",\"transactionHash\":\"").append(txHash).append(
                                    "\",\"transactionIndex\":\"")
                            .append(quantity(i)).append("\",\"logIndex\":\"")
                            .append(quantity(logIndex++)).append("\",\"removed\":false}");
                }
                receipt.append("],\"logsBloom\":\"").append(ZERO_BLOOM).append("\",\"transactionHash\":\"").append(
                        txHash).append("\",\"transactionIndex\":\"").append(quantity(i)).append(
                                "\",\"blockHash\":\"")
                        .append(hash).append("\",\"blockNumber\":\"").append(quantity(
                                number))
                        .append("\",\"gasUsed\":\"").append(quantity(gas)).append("\",\"effectiveGasPrice\":\"")
                        .append(quantity(gasPrice)).append("\",\"from\":\"").append(from).append("\",\"to\":").append(
                                to == null ? "null" : "\"" + to + "\"")
                        .append(",\"contractAddress\":").append(
                                kind == 2 ? "\"" + address(random) + "\"" : "null")
                        .append('}');
                receipts.append(receipt);
                receiptByTx.put(txHash, receipt.toString().getBytes(StandardCharsets.UTF_8));
            }
            String head = "{\"hash\":\"" + hash + "\",\"parentHash\":\"" + parent + "\",\"sha3Uncles\":\""
                    + word(random) + "\",\"miner\":\"" + accounts[0] + "\",\"stateRoot\":\"" + word(random)
                    + "\",\"transactionsRoot\":\"" + word(random) + "\",\"receiptsRoot\":\"" + word(random)
                    + "\",\"logsBloom\":\"" + ZERO_BLOOM + "\",\"difficulty\":\"0x0\",\"number\":\"" + quantity(number)
                    + "\",\"gasLimit\":\"0x1c9c380\",\"gasUsed\":\"" + quantity(cumulativeGas) + "\",\"timestamp\":\""
                    + quantity(timestamp) + "\",\"extraData\":\"0x\",\"mixHash\":\"" + word(random)
                    + "\",\"nonce\":\"0x0000000000000000\",\"baseFeePerGas\":\"0x3b9aca00\",\"size\":\""
                    + quantity(txs.length() / 2) + "\",\"uncles\":[],\"withdrawals\":[],\"transactions\":[";
            String full = head + txs + "]}";
            String header = head + String.join(",", txHashes.stream().map(h -> "\"" + h + "\"").toList()) + "]}";
            list.add(new Block(number, hash, bytes(full), bytes(header), bytes("[" + receipts + "]"), List.copyOf(
                    txHashes)));
            parent = hash;
            timestamp += 2;
        }
        return new ReplayChain(chainId, txPerBlock, list, receiptByTx);
    }

    public long chainId() {
        return chainId;
    }

    /** The highest block: the head the node reports. */
    public long head() {
        return blocks.size() - 1;
    }

    /** Transactions in each block after genesis. */
    public int txPerBlock() {
        return txPerBlock;
    }

    /** The hash of block {@code number} (0x, lower case). */
    public String hash(long number) {
        return blocks.get(Math.toIntExact(number)).hash();
    }

    /** The hashes of block {@code number}'s transactions, in order. */
    public List<String> txHashes(long number) {
        return blocks.get(Math.toIntExact(number)).txHashes();
    }

    Optional<Block> byNumber(long number) {
        return number < 0 || number >= blocks.size() ? Optional.empty() : Optional.of(blocks.get((int) number));
    }

    Optional<Block> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    Optional<byte[]> receipt(String txHash) {
        return Optional.ofNullable(receiptByTx.get(txHash));
    }

    private static String word(SplittableRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "0x" + HEX.formatHex(bytes);
    }

    private static String address(SplittableRandom random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return "0x" + HEX.formatHex(bytes);
    }

    /** A 32-byte ABI word of a hex value or an address (without 0x). */
    private static String pad(String hex) {
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        return "0".repeat(64 - digits.length()) + digits;
    }

    private static String quantity(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
