package io.chainwatch.notifier.erc20;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;

import io.chainwatch.notifier.format.TokenMetadata;

/**
 * The two ERC-20 calls the notifier makes and how their answers are read. {@code symbol()} returns an ABI
 * {@code string} on most tokens but a {@code bytes32} on some early ones (MKR, SAI), so both are understood. Pure.
 */
final class TokenAbi {

    /** {@code symbol()}. */
    static final String SYMBOL = "0x95d89b41";
    /** {@code decimals()}. */
    static final String DECIMALS = "0x313ce567";

    private static final int WORD = 32;
    private static final BigInteger MAX_DECIMALS = BigInteger.valueOf(TokenMetadata.MAX_DECIMALS);

    private TokenAbi() {
    }

    /** The symbol in an {@code eth_call} answer ({@code string} or {@code bytes32}), empty when it holds none. */
    static Optional<String> symbol(String hex) {
        byte[] data = bytes(hex);
        if (data == null) {
            return Optional.empty();
        }
        if (data.length == WORD) {
            int end = WORD;
            while (end > 0 && data[end - 1] == 0) {
                end--;
            }
            return utf8(data, 0, end);
        }
        if (data.length < 2 * WORD) {
            return Optional.empty();
        }
        BigInteger offset = word(data, 0);
        if (offset.compareTo(BigInteger.valueOf(data.length - WORD)) > 0) {
            return Optional.empty();
        }
        int at = offset.intValueExact();
        BigInteger length = word(data, at);
        if (length.compareTo(BigInteger.valueOf(data.length - at - WORD)) > 0) {
            return Optional.empty();
        }
        return utf8(data, at + WORD, at + WORD + length.intValueExact());
    }

    /** The decimals in an {@code eth_call} answer, empty unless it is one word holding 0..255. */
    static OptionalInt decimals(String hex) {
        byte[] data = bytes(hex);
        if (data == null || data.length != WORD) {
            return OptionalInt.empty();
        }
        BigInteger value = word(data, 0);
        return value.compareTo(MAX_DECIMALS) > 0 ? OptionalInt.empty() : OptionalInt.of(value.intValue());
    }

    private static BigInteger word(byte[] data, int at) {
        byte[] word = new byte[WORD];
        System.arraycopy(data, at, word, 0, WORD);
        return new BigInteger(1, word);
    }

    private static Optional<String> utf8(byte[] data, int from, int to) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, from, to - from))
                    .toString();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String hex) {
        if (hex == null || !hex.startsWith("0x") || hex.length() % 2 != 0) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex, 2, hex.length());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
