package io.chainwatch.notifier.erc20;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;

import io.chainwatch.abi.AbiAnswers;
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

    private static final int WORD = AbiAnswers.WORD;
    private static final BigInteger MAX_DECIMALS = BigInteger.valueOf(TokenMetadata.MAX_DECIMALS);

    private TokenAbi() {
    }

    /** The symbol in an {@code eth_call} answer ({@code string} or {@code bytes32}), empty when it holds none. */
    static Optional<String> symbol(String hex) {
        byte[] data = AbiAnswers.bytes(hex).orElse(null);
        if (data == null) {
            return Optional.empty();
        }
        if (data.length == WORD) {
            int end = WORD;
            while (end > 0 && data[end - 1] == 0) {
                end--;
            }
            return AbiAnswers.utf8(data, 0, end);
        }
        return AbiAnswers.string(data, Integer.MAX_VALUE);
    }

    /** The decimals in an {@code eth_call} answer, empty unless it is one word holding 0..255. */
    static OptionalInt decimals(String hex) {
        byte[] data = AbiAnswers.bytes(hex).orElse(null);
        if (data == null || data.length != WORD) {
            return OptionalInt.empty();
        }
        BigInteger value = AbiAnswers.unsigned(data, 0);
        return value.compareTo(MAX_DECIMALS) > 0 ? OptionalInt.empty() : OptionalInt.of(value.intValue());
    }
}
