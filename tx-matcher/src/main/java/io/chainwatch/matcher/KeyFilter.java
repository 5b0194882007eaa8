package io.chainwatch.matcher;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * An in-heap Bloom filter of the keys in a state store, asked before the store: when nearly every lookup is for a key
 * that is not there, answering "not there" from the heap saves the store's work, and a RocksDB miss costs more than a
 * hit (a memtable search, a filter probe per file, and rocksdbjni turns NotFound into a C++ exception and catches it
 * again; facebook/rocksdb#13023). Two users: the global subscription store, where nearly every address a transaction
 * touches is watched by nobody ({@link SubscriptionsUpdater}), and the matcher's per-task dedup and recent-counterparty
 * stores, where nearly every alert is new ({@link Dedup}, {@link RecentCounterparties}).
 * <p>
 * <b>Never a false negative</b>, as long as two rules are kept, which {@link FilteredStore} keeps for its store:
 * every key is {@linkplain #add added} before it is put in the store, and the filter is {@linkplain #rebuild rebuilt}
 * from the store after the store received keys some other way — restored from a changelog or a local checkpoint,
 * which bypasses the processors. Until the first rebuild the filter is not <em>primed</em> and answers "maybe" for
 * every key. Removed keys stay in the filter (a Bloom filter cannot forget) and only cost a store lookup, until the
 * next rebuild. Built for twice the keys in the store; when more are added than a layer was sized for, a layer twice
 * as large is started, so a lookup's false positives stay near {@value #FALSE_POSITIVE_PERCENT} % per layer until the
 * next rebuild makes one layer again.
 * <p>
 * Thread-safe: one writer, any number of readers (for subscriptions: the global thread writes, the stream threads
 * read); the bits are published through an {@link AtomicLongArray}, so a key added is seen from the next lookup on.
 */
final class KeyFilter {

    /** Target false-positive rate, in percent, at the sized number of keys. */
    static final double FALSE_POSITIVE_PERCENT = 0.1;
    /** Bits per key and hash functions for about 0.1 % false positives at the sized number of keys. */
    private static final int BITS_PER_KEY = 16;
    private static final int HASHES = 10;
    /** The least a filter is sized for, unless told otherwise: 128 KB. */
    static final int DEFAULT_MIN_CAPACITY = 1 << 16;
    /**
     * The least a per-task filter is sized for: 8 KB. A task per partition of the blocks topic has two (dedup and
     * recent counterparties), whose stores start empty; each grows with its store.
     */
    static final int PER_TASK_MIN_CAPACITY = 1 << 12;

    /** The filter is sized for twice the keys it is built with, and never for fewer than this. */
    private final long minCapacity;
    /** The filter's layers, oldest first; null until primed. Replaced, never changed in length, by the writer. */
    private volatile Bits[] layers;

    KeyFilter() {
        this(DEFAULT_MIN_CAPACITY);
    }

    /**
     * A filter sized for at least {@code minCapacity} keys: small for the many per-task filters of stores that start
     * empty (each one grows by layers as keys come, and is folded into one layer at its next rebuild).
     */
    KeyFilter(int minCapacity) {
        this.minCapacity = Math.max(1, minCapacity);
    }

    /** Whether a key might be in the store: false only if it certainly is not. True while not primed. */
    boolean mightContain(String key) {
        return anyLayerMightContain(hash(key));
    }

    /**
     * {@link #mightContain(String)} of the key {@code prefix + value}, without building it: the lookups of addresses
     * nobody watches then allocate nothing.
     */
    boolean mightContain(String prefix, String value) {
        return anyLayerMightContain(hash(prefix, value));
    }

    /**
     * {@link #mightContain(String, String)} for many keys at once, given their {@link #hash(String, String)}:
     * {@code answers[i]} for {@code hashes[i]}, {@code i < count}. Faster than one call per key when the bits are not
     * in the CPU's caches (the matcher's other work keeps evicting them): each lookup is one cache miss, and with no
     * branch on the bits read, the CPU runs ahead and has the misses of many keys in flight at once.
     */
    void mightContainEach(long[] hashes, int count, boolean[] answers) {
        Bits[] current = layers;
        if (current == null) {
            java.util.Arrays.fill(answers, 0, count, true);
            return;
        }
        Bits first = current[0];
        for (int i = 0; i < count; i++) {
            answers[i] = first.mightContain(hashes[i]);
        }
        for (int layer = 1; layer < current.length; layer++) {
            Bits bits = current[layer];
            for (int i = 0; i < count; i++) {
                answers[i] |= bits.mightContain(hashes[i]);
            }
        }
    }

    private boolean anyLayerMightContain(long hash) {
        Bits[] current = layers;
        if (current == null) {
            return true;
        }
        for (Bits layer : current) {
            if (layer.mightContain(hash)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the filter has been built from the store and can answer "no". */
    boolean isPrimed() {
        return layers != null;
    }

    /** How many bit sets a lookup may read: 1 after a rebuild, one more each time the keys added outgrow them. */
    int layerCount() {
        Bits[] current = layers;
        return current == null ? 0 : current.length;
    }

    /**
     * Adds a key about to be put in the store; called by the writer before the put. When the newest layer
     * holds as many keys as it was sized for, a layer twice as large is started (a scan of the store would be cheaper
     * to read but costs a full pass, which a restore through the updater would pay again and again). Before priming
     * this does nothing: the priming scan will see the key.
     */
    void add(String key) {
        Bits[] current = layers;
        if (current == null) {
            return;
        }
        Bits newest = current[current.length - 1];
        if (newest.isFull()) {
            newest = new Bits(2 * newest.capacity);
            Bits[] grown = java.util.Arrays.copyOf(current, current.length + 1);
            grown[current.length] = newest;
            layers = grown;
        }
        newest.add(hash(key));
    }

    /**
     * Builds the filter anew, one layer sized for twice the keys in the store ({@code allKeys} feeds each key to its
     * argument), and publishes it. Called by the writer; readers keep the old layers until the new one is complete.
     */
    void rebuild(Consumer<Consumer<String>> allKeys) {
        long[] count = {0};
        allKeys.accept(key -> count[0]++);
        rebuild(count[0], allKeys);
    }

    /** {@link #rebuild(Consumer)} in one pass, when the caller knows how many keys {@code allKeys} feeds. */
    void rebuild(long keyCount, Consumer<Consumer<String>> allKeys) {
        Bits fresh = new Bits(Math.max(minCapacity, 2L * keyCount));
        allKeys.accept(key -> fresh.add(hash(key)));
        layers = new Bits[]{fresh};
    }

    /**
     * 64 well-mixed bits of a key: its {@link String#hashCode()} (vectorised by the JIT) and its last eight characters
     * (the random end of an address or hash), through MurmurHash3's finaliser. No allocation.
     */
    private static long hash(String key) {
        return mix(key.hashCode(), tail(key, key.length()));
    }

    /** {@link #hash(String)} of {@code prefix + value}, computed from the parts. */
    static long hash(String prefix, String value) {
        int hashCode = prefix.hashCode() * power31(value.length()) + value.hashCode(); // String.hashCode's recurrence
        long tail = value.length() >= TAIL
                ? tail(value, value.length())
                : tail(prefix, prefix.length()) << 8 * value
                        .length() ^ tail(value, value.length());
        return mix(hashCode, tail);
    }

    private static final int TAIL = 8;

    /** The last (up to) eight characters before {@code end}, a byte each. */
    private static long tail(String s, int end) {
        long tail = 0;
        for (int i = Math.max(0, end - TAIL); i < end; i++) {
            tail = tail << 8 ^ (s.charAt(i) & 0xff);
        }
        return tail;
    }

    private static long mix(int hashCode, long tail) {
        long h = (long) hashCode << 32 ^ tail;
        h ^= h >>> 33;
        h *= 0xff51_afd7_ed55_8ccdL;
        h ^= h >>> 33;
        h *= 0xc4ce_b9fe_1a85_ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** 31 to the power of each length a key part may have (addresses 42, hashes 66), with int overflow. */
    private static final int[] POWERS_OF_31 = new int[129];

    static {
        POWERS_OF_31[0] = 1;
        for (int n = 1; n < POWERS_OF_31.length; n++) {
            POWERS_OF_31[n] = POWERS_OF_31[n - 1] * 31;
        }
    }

    /** 31 to the power {@code n}, with int overflow, as String.hashCode computes it. */
    private static int power31(int n) {
        if (n < POWERS_OF_31.length) {
            return POWERS_OF_31[n];
        }
        int result = POWERS_OF_31[POWERS_OF_31.length - 1];
        for (int e = POWERS_OF_31.length - 1; e < n; e++) {
            result *= 31;
        }
        return result;
    }

    /**
     * The bit set, sized for {@code capacity} keys: a cache-line-blocked Bloom filter. A key's bits all lie in one
     * 512-bit block (one cache line), chosen by the high half of its hash; the low half places its
     * {@value #HASHES} bits inside the block. A lookup thus reads one cache line — a plain Bloom filter reads up to
     * {@value #HASHES} scattered ones, and in the matcher, whose other work keeps evicting the bit array, each of
     * them is a miss — for a slightly higher false-positive rate at the same size, which one more bit per key pays.
     */
    private static final class Bits {
        private static final int WORDS_PER_BLOCK = 8;
        private static final int BITS_PER_BLOCK = WORDS_PER_BLOCK * Long.SIZE;

        private final AtomicLongArray words;
        private final long blockCount;
        private final long capacity;
        private long added;

        Bits(long capacity) {
            this.capacity = capacity;
            long wanted = Math.min(capacity * BITS_PER_KEY, (long) Integer.MAX_VALUE / WORDS_PER_BLOCK
                    * BITS_PER_BLOCK);
            this.blockCount = (wanted + BITS_PER_BLOCK - 1) / BITS_PER_BLOCK;
            this.words = new AtomicLongArray((int) (blockCount * WORDS_PER_BLOCK));
        }

        boolean isFull() {
            return added >= capacity;
        }

        void add(long hash) {
            int base = firstWord(hash);
            int inBlock = (int) (hash * GOLDEN);
            int step = (int) (hash * GOLDEN >>> 32) | 1;
            for (int i = 0; i < HASHES; i++, inBlock += step) {
                int bit = inBlock >>> 23; // the top 9 bits: a position in the 512-bit block
                int word = base + (bit >>> 6);
                long mask = 1L << bit;
                long old = words.get(word);
                if ((old & mask) == 0) {
                    words.set(word, old | mask); // one writer: no lost update
                }
            }
            added++;
        }

        /**
         * Whether all of the key's bits are set. All are read, with no branch on any of them: they lie in one cache
         * line, so the extra reads cost nothing, and a caller asking about many keys in a row ({@link
         * KeyFilter#mightContainEach}) has the cache misses of the next keys in flight instead of waiting on each.
         */
        boolean mightContain(long hash) {
            int base = firstWord(hash);
            int inBlock = (int) (hash * GOLDEN);
            int step = (int) (hash * GOLDEN >>> 32) | 1;
            long all = 1;
            for (int i = 0; i < HASHES; i++, inBlock += step) {
                int bit = inBlock >>> 23;
                all &= words.get(base + (bit >>> 6)) >>> bit; // a long shift uses the low six bits: bit % 64
            }
            return all != 0;
        }

        /** The first word of the key's block, from the high 32 bits of its hash (Lemire's multiply-shift). */
        private int firstWord(long hash) {
            return (int) (((hash >>> 32) * blockCount) >>> 32) * WORDS_PER_BLOCK;
        }

        /** Remixes a hash into fresh bits for the positions inside a block (2^64 / golden ratio, odd). */
        private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    }
}
