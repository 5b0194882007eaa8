package io.chainwatch.abi;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The pieces of an {@code eth_call} answer. Answers come from contracts anyone can deploy, so every reader here is
 * defensive: anything malformed, out of bounds or too long reads as "no answer" (empty), never as an exception or a
 * large allocation. Stateless.
 */
public final class AbiAnswers {

    /** Bytes in an ABI word. */
    public static final int WORD = 32;

    private static final HexFormat HEX = HexFormat.of();

    private AbiAnswers() {
    }

    /** The bytes of {@code 0x}-prefixed hex of whole bytes; empty for null or anything else. */
    public static Optional<byte[]> bytes(String hex) {
        if (hex == null || !hex.startsWith("0x") || hex.length() % 2 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HEX.parseHex(hex, 2, hex.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The unsigned word at byte {@code offset}; the caller has checked that it is within {@code data}. */
    public static BigInteger unsigned(byte[] data, int offset) {
        return new BigInteger(1, Arrays.copyOfRange(data, offset, offset + WORD));
    }

    /** The two's complement ({@code int256}) word at byte {@code offset}, within {@code data}. */
    public static BigInteger signed(byte[] data, int offset) {
        return new BigInteger(Arrays.copyOfRange(data, offset, offset + WORD));
    }

    /**
     * The ABI {@code string} (or {@code bytes} read as text) that {@code data} returns alone: an offset word, then at
     * that offset a length word and the bytes. Empty when the string is empty, longer than {@code maxBytes}, out of
     * the answer's bounds or not UTF-8.
     */
    public static Optional<String> string(byte[] data, int maxBytes) {
        if (data.length < 2 * WORD) {
            return Optional.empty();
        }
        BigInteger offset = unsigned(data, 0);
        if (offset.compareTo(BigInteger.valueOf(data.length - WORD)) > 0) {
            return Optional.empty();
        }
        int at = offset.intValueExact();
        BigInteger length = unsigned(data, at);
        if (length.compareTo(BigInteger.valueOf(maxBytes)) > 0 || length.compareTo(BigInteger.valueOf(data.length
                - at - WORD)) > 0) {
            return Optional.empty();
        }
        return utf8(data, at + WORD, length.intValueExact());
    }

    /** {@code length} bytes from {@code from} as text: empty when there are none or they are not UTF-8. */
    public static Optional<String> utf8(byte[] data, int from, int length) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, from, length))
                    .toString();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
