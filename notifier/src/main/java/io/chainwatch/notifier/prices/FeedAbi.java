package io.chainwatch.notifier.prices;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;

/** The two calls of Chainlink's {@code AggregatorV3Interface} the notifier makes, and how answers are read. Pure. */
final class FeedAbi {

    /** {@code latestRoundData()}. */
    static final String LATEST_ROUND_DATA = "0xfeaf968c";
    /** {@code decimals()}. */
    static final String DECIMALS = "0x313ce567";

    private static final int WORD = 32;
    private static final int ROUND_WORDS = 5;
    private static final int MAX_DECIMALS = 36;

    /** A round: {@code answer} in units of 10^-decimals dollars, {@code updatedAt} in seconds since the epoch. */
    record Round(BigInteger answer, long updatedAtSeconds) {
    }

    private FeedAbi() {
    }

    /** {@code (roundId, answer, startedAt, updatedAt, answeredInRound)}; empty when the answer is not that shape. */
    static Optional<Round> round(String hex) {
        byte[] data = bytes(hex);
        if (data == null || data.length != ROUND_WORDS * WORD) {
            return Optional.empty();
        }
        BigInteger answer = new BigInteger(slice(data, 1)); // int256: two's complement
        BigInteger updatedAt = new BigInteger(1, slice(data, 3));
        if (updatedAt.bitLength() > 62) {
            return Optional.empty();
        }
        return Optional.of(new Round(answer, updatedAt.longValue()));
    }

    /** The feed's decimals: one word holding 0..36. */
    static OptionalInt decimals(String hex) {
        byte[] data = bytes(hex);
        if (data == null || data.length != WORD) {
            return OptionalInt.empty();
        }
        BigInteger value = new BigInteger(1, data);
        return value.compareTo(BigInteger.valueOf(MAX_DECIMALS)) > 0
                ? OptionalInt.empty()
                : OptionalInt.of(value.intValue());
    }

    private static byte[] slice(byte[] data, int word) {
        byte[] out = new byte[WORD];
        System.arraycopy(data, word * WORD, out, 0, WORD);
        return out;
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
