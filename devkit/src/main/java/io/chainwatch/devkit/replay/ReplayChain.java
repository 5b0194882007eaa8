package io.chainwatch.devkit.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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

    static final String TRANSFER_TOPIC = Shapes.TRANSFER_TOPIC;

    /** One block's answers: with full transactions, with hashes only, and its receipts. */
    record Block(long number, String hash, byte[] full, byte[] header, byte[] receipts, List<String> txHashes) {
    }

    /** What a node serves from: this chain, or a {@link LiveReplayChain}'s window. */
    interface View {
        long chainId();

        long head();

        Optional<Block> byNumber(long number);

        Optional<Block> byHash(String hash);

        Optional<byte[]> receipt(String txHash);
    }

    View view() {
        ReplayChain chain = this;
        return new View() {
            @Override
            public long chainId() {
                return chain.chainId();
            }

            @Override
            public long head() {
                return chain.head();
            }

            @Override
            public Optional<Block> byNumber(long number) {
                return chain.byNumber(number);
            }

            @Override
            public Optional<Block> byHash(String hash) {
                return chain.byHash(hash);
            }

            @Override
            public Optional<byte[]> receipt(String txHash) {
                return chain.receipt(txHash);
            }
        };
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
                    case 1 -> Shapes.TRANSFER_SELECTOR + pad(recipient) + pad(Long.toHexString(amount));
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
                String r = word(random);
                String s = word(random);
                Shapes.tx(txs, type, chainId, nonce, gas, gasPrice, to, value, input, r, s, txHash, hash, number, i,
                        from);
                Shapes.TransferLog log = kind == 1
                        ? new Shapes.TransferLog(to, from, recipient, Long.toHexString(amount), logIndex++)
                        : null;
                String receipt = Shapes.receipt(type, cumulativeGas, log, timestamp, txHash, i, hash, number, gas,
                        gasPrice, from, to, kind == 2 ? address(random) : null);
                receipts.append(receipt);
                receiptByTx.put(txHash, receipt.getBytes(StandardCharsets.UTF_8));
            }
            String sha3Uncles = word(random);
            String stateRoot = word(random);
            String transactionsRoot = word(random);
            String receiptsRoot = word(random);
            String mixHash = word(random);
            String head = Shapes.blockStart(new Shapes.Header(hash, parent, accounts[0], sha3Uncles, stateRoot,
                    transactionsRoot, receiptsRoot, number, cumulativeGas, timestamp, mixHash, txs.length() / 2));
            String full = head + txs + "]}";
            String header = Shapes.withHashes(head, txHashes);
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
        return Shapes.word(random);
    }

    private static String address(SplittableRandom random) {
        return Shapes.address(random);
    }

    private static String pad(String hex) {
        return Shapes.pad(hex);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
