package io.chainwatch.devkit.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * A chain that grows while it is served: blocks are {@link #append appended} one at a time at the head, each with the
 * transactions its caller chose (recipient and kind: a native transfer, or an ERC-20 {@code transfer} of one of the
 * chain's {@link #tokens() tokens} with its {@code Transfer} log), shaped as {@link ReplayChain} shapes them and
 * serialised once. Each block names the hash of the one before it; timestamps are the append's instants in real
 * seconds (never decreasing: several blocks a second share one, as on BSC). Only the last {@code window} blocks are
 * kept, so memory stays flat however long it runs: an older block, by number, by hash or through one of its
 * receipts, answers as unknown. Thread-safe for one appender and any number of readers; a reader never sees a block
 * above {@link #head()}.
 */
public final class LiveReplayChain {

    /** What a transaction moves. */
    public enum Kind {
        /** Value to the recipient ({@code to} is the recipient, empty input). */
        NATIVE,
        /** An ERC-20 {@code transfer(recipient, amount)} on one of the chain's tokens, its receipt with the log. */
        TOKEN
    }

    /** One transaction to put in a block: its recipient and kind. */
    public record Tx(String to, Kind kind) {
        public Tx {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(kind, "kind");
            to = to.toLowerCase(Locale.ROOT);
        }

        public static Tx nativeTransfer(String to) {
            return new Tx(to, Kind.NATIVE);
        }

        public static Tx tokenTransfer(String to) {
            return new Tx(to, Kind.TOKEN);
        }
    }

    /** A token of the chain, as its {@code symbol()}, {@code name()} and {@code decimals()} answer. */
    public record Token(String address, String symbol, String name, int decimals) {
    }

    /** A block as appended: its number, hash, timestamp and transactions' hashes (in the order given). */
    public record Appended(long number, String hash, long timestamp, List<String> txHashes) {
    }

    /** Where a transaction's receipt lies within its block's receipts. */
    private record ReceiptAt(long block, int from, int to) {
    }

    public static final int DEFAULT_WINDOW = 1024;
    private static final int SENDERS = 64;

    private final long chainId;
    private final int window;
    private final AtomicReferenceArray<ReplayChain.Block> ring;
    private final Map<String, ReplayChain.Block> byHash = new ConcurrentHashMap<>();
    private final Map<String, ReceiptAt> receipts = new ConcurrentHashMap<>();
    private final List<Consumer<byte[]>> headListeners = new CopyOnWriteArrayList<>();
    private final List<Token> tokens;
    private final String[] senders = new String[SENDERS];
    private final long[] nonces = new long[SENDERS];
    private final SplittableRandom random;
    private final Object appending = new Object();
    private volatile long head = -1;
    private long timestamp;

    /** A chain of {@code chainId} holding its last {@code window} blocks, its genesis (empty) made at {@code at}. */
    public LiveReplayChain(long chainId, int window, long seed, Instant at) {
        if (window < 2) {
            throw new IllegalArgumentException("a window of at least 2 blocks, not " + window);
        }
        this.chainId = chainId;
        this.window = window;
        this.ring = new AtomicReferenceArray<>(window);
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < SENDERS; i++) {
            senders[i] = Shapes.address(random);
        }
        this.tokens = List.of(new Token(Shapes.address(random), "RPLA", "Replay Token A", 18), new Token(Shapes
                .address(random), "RPLB", "Replay Token B", 6), new Token(Shapes.address(random), "RPLC",
                        "Replay Token C", 8));
        this.timestamp = at.getEpochSecond();
        append(List.of(), at);
    }

    public long chainId() {
        return chainId;
    }

    /** Blocks kept: the head and the {@code window - 1} before it. */
    public int window() {
        return window;
    }

    /** The chain's tokens: token transfers go to these in turn. */
    public List<Token> tokens() {
        return tokens;
    }

    /** The highest block; 0 right after the genesis. */
    public long head() {
        return head;
    }

    /** The lowest block still kept. */
    public long oldest() {
        return Math.max(0, head - window + 1);
    }

    /** The hash of block {@code number}, when it is kept. */
    public Optional<String> hash(long number) {
        return byNumber(number).map(ReplayChain.Block::hash);
    }

    /** The hashes of block {@code number}'s transactions, when it is kept. */
    public Optional<List<String>> txHashes(long number) {
        return byNumber(number).map(ReplayChain.Block::txHashes);
    }

    /**
     * Told of each new head, on the appender's thread, after it became the head: the header as geth pushes it to
     * {@code newHeads} subscribers (JSON bytes). Keep it short.
     */
    public void onHead(Consumer<byte[]> listener) {
        headListeners.add(listener);
    }

    /**
     * Appends a block holding {@code txs}, in that order, made at {@code at}, as the new head; the block {@code window}
     * below it is forgotten. One appender at a time (a second one waits).
     */
    public Appended append(List<Tx> txs, Instant at) {
        synchronized (appending) {
            long number = head + 1;
            ReplayChain.Block parentBlock = number == 0 ? null : ring.get((int) ((number - 1) % window));
            String parent = parentBlock == null ? Shapes.ZERO_WORD : parentBlock.hash();
            timestamp = Math.max(timestamp, at.getEpochSecond());
            String hash = Shapes.word(random);
            StringBuilder full = new StringBuilder(txs.size() * 700);
            StringBuilder all = new StringBuilder(txs.size() * 900 + 2).append('[');
            List<String> txHashes = new ArrayList<>(txs.size());
            int[] receiptEnds = new int[txs.size() + 1];
            receiptEnds[0] = 1;
            long cumulativeGas = 0;
            int logIndex = 0;
            for (int i = 0; i < txs.size(); i++) {
                Tx tx = txs.get(i);
                int sender = random.nextInt(SENDERS);
                String from = senders[sender];
                long nonce = nonces[sender]++;
                String txHash = Shapes.word(random);
                txHashes.add(txHash);
                boolean token = tx.kind() == Kind.TOKEN;
                String type = !token && i % 5 == 0 ? "0x0" : "0x2";
                String to = token ? tokens.get(i % tokens.size()).address() : tx.to();
                long value = token ? 0 : 1 + random.nextLong(1L << 60);
                long amount = 1 + random.nextLong(1L << 50);
                String input = token
                        ? Shapes.TRANSFER_SELECTOR + Shapes.pad(tx.to()) + Shapes.pad(Long.toHexString(amount))
                        : "0x";
                long gas = token ? 51_000 : 21_000;
                cumulativeGas += gas;
                long gasPrice = 1_000_000_000L + random.nextInt(1_000_000_000);
                if (i > 0) {
                    full.append(',');
                    all.append(',');
                }
                Shapes.tx(full, type, chainId, nonce, gas, gasPrice, to, value, input, Shapes.word(random), Shapes
                        .word(random), txHash, hash, number, i, from);
                Shapes.TransferLog log = token
                        ? new Shapes.TransferLog(to, from, tx.to(), Long.toHexString(amount), logIndex++)
                        : null;
                all.append(Shapes.receipt(type, cumulativeGas, log, timestamp, txHash, i, hash, number, gas,
                        gasPrice, from, to, null));
                receiptEnds[i + 1] = all.length(); // the receipts are ASCII: chars are bytes
            }
            all.append(']');
            Shapes.Header header = new Shapes.Header(hash, parent, senders[0], Shapes.word(random), Shapes.word(
                    random), Shapes.word(random), Shapes.word(random), number, cumulativeGas, timestamp,
                    Shapes.word(
                            random),
                    full.length() / 2);
            String start = Shapes.blockStart(header);
            ReplayChain.Block block = new ReplayChain.Block(number, hash, bytes(start + full + "]}"), bytes(Shapes
                    .withHashes(start, txHashes)), bytes(all.toString()), List.copyOf(txHashes));
            int slot = (int) (number % window);
            ReplayChain.Block evicted = ring.get(slot);
            if (evicted != null) {
                byHash.remove(evicted.hash());
                evicted.txHashes().forEach(receipts::remove);
            }
            ring.set(slot, block);
            byHash.put(hash, block);
            for (int i = 0; i < txHashes.size(); i++) {
                // receipt i spans from after the separator before it to its end
                receipts.put(txHashes.get(i), new ReceiptAt(number, receiptEnds[i] + (i == 0 ? 0 : 1),
                        receiptEnds[i + 1]));
            }
            head = number;
            byte[] pushed = bytes(Shapes.newHead(header));
            for (Consumer<byte[]> listener : headListeners) {
                listener.accept(pushed);
            }
            return new Appended(number, hash, timestamp, block.txHashes());
        }
    }

    Optional<ReplayChain.Block> byNumber(long number) {
        if (number < 0 || number > head) {
            return Optional.empty();
        }
        ReplayChain.Block block = ring.get((int) (number % window));
        return block != null && block.number() == number ? Optional.of(block) : Optional.empty();
    }

    Optional<ReplayChain.Block> byHash(String hash) {
        ReplayChain.Block block = byHash.get(hash);
        // a block being appended is in the map a moment before it is the head
        return block != null && block.number() <= head ? Optional.of(block) : Optional.empty();
    }

    Optional<byte[]> receipt(String txHash) {
        ReceiptAt at = receipts.get(txHash);
        if (at == null) {
            return Optional.empty();
        }
        return byNumber(at.block()).map(b -> Arrays.copyOfRange(b.receipts(), at.from(), at.to()));
    }

    /** The token at {@code address} (lower case), if it is one of the chain's. */
    Optional<Token> token(String address) {
        return tokens.stream().filter(t -> t.address().equals(address)).findFirst();
    }

    ReplayChain.View view() {
        LiveReplayChain chain = this;
        return new ReplayChain.View() {
            @Override
            public long chainId() {
                return chain.chainId();
            }

            @Override
            public long head() {
                return chain.head();
            }

            @Override
            public Optional<ReplayChain.Block> byNumber(long number) {
                return chain.byNumber(number);
            }

            @Override
            public Optional<ReplayChain.Block> byHash(String hash) {
                return chain.byHash(hash);
            }

            @Override
            public Optional<byte[]> receipt(String txHash) {
                return chain.receipt(txHash);
            }
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
