package io.chainwatch.ens;

import java.util.HexFormat;
import java.util.Optional;

import io.chainwatch.abi.AbiAnswers;

/**
 * The three ENS calls chainwatch makes and how their answers are read. Answers come from contracts anyone can deploy,
 * so decoding is defensive: anything malformed, out of bounds or too long reads as "no answer", never as an exception
 * or a huge string. Stateless.
 */
public final class EnsAbi {

    /** {@code resolver(bytes32)} of the registry. */
    public static final String RESOLVER = "0178b8bf";
    /** {@code addr(bytes32)} of a resolver (EIP-137). */
    public static final String ADDR = "3b3b57de";
    /** {@code name(bytes32)} of a resolver (EIP-181, reverse resolution). */
    public static final String NAME = "691f3431";
    /** Longest name read from a resolver, in UTF-8 bytes; a longer answer counts as none. */
    public static final int MAX_NAME_BYTES = 1024;

    private static final int WORD = AbiAnswers.WORD;
    private static final HexFormat HEX = HexFormat.of();

    private EnsAbi() {
    }

    /** The call data of {@code selector} (8 hex digits) with one {@code bytes32} argument. */
    public static String call(String selector, byte[] node) {
        if (node.length != WORD) {
            throw new IllegalArgumentException("a node is 32 bytes, got " + node.length);
        }
        return "0x" + selector + HEX.formatHex(node);
    }

    /**
     * The address in an answer of one word, in lower case; empty for the zero address (ENS's "none") and for anything
     * that is not exactly one word whose first 12 bytes are zero.
     */
    public static Optional<String> address(String hex) {
        byte[] data = AbiAnswers.bytes(hex).orElse(null);
        if (data == null || data.length != WORD) {
            return Optional.empty();
        }
        boolean zero = true;
        for (int i = 0; i < WORD; i++) {
            if (i < 12 && data[i] != 0) {
                return Optional.empty();
            }
            zero &= data[i] == 0;
        }
        return zero ? Optional.empty() : Optional.of("0x" + HEX.formatHex(data, 12, WORD));
    }

    /**
     * The ABI {@code string} in an answer: an offset word, then at that offset a length word and the bytes. Empty when
     * the string is empty, longer than {@value #MAX_NAME_BYTES} bytes, out of the answer's bounds or not UTF-8.
     */
    public static Optional<String> string(String hex) {
        return AbiAnswers.bytes(hex).flatMap(data -> AbiAnswers.string(data, MAX_NAME_BYTES));
    }
}
