package io.chainwatch.notifier.prices;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;

import io.chainwatch.abi.AbiAnswers;

/** The two calls of Chainlink's {@code AggregatorV3Interface} the notifier makes, and how answers are read. Pure. */
final class FeedAbi {

    /** {@code latestRoundData()}. */
    static final String LATEST_ROUND_DATA = "0xfeaf968c";
    /** {@code decimals()}. */
    static final String DECIMALS = "0x313ce567";

    private static final int WORD = AbiAnswers.WORD;
    private static final int ROUND_WORDS = 5;
    private static final int MAX_DECIMALS = 36;

    /** A round: {@code answer} in units of 10^-decimals dollars, {@code updatedAt} in seconds since the epoch. */
    record Round(BigInteger answer, long updatedAtSeconds) {
    }

    private FeedAbi() {
    }

    /** {@code (roundId, answer, startedAt, updatedAt, answeredInRound)}; empty when the answer is not that shape. */
    static Optional<Round> round(String hex) {
        byte[] data = AbiAnswers.bytes(hex).orElse(null);
        if (data == null || data.length != ROUND_WORDS * WORD) {
            return Optional.empty();
        }
        BigInteger answer = AbiAnswers.signed(data, WORD); // int256
        BigInteger updatedAt = AbiAnswers.unsigned(data, 3 * WORD);
        if (updatedAt.bitLength() > 62) {
            return Optional.empty();
        }
        return Optional.of(new Round(answer, updatedAt.longValue()));
    }

    /** The feed's decimals: one word holding 0..36. */
    static OptionalInt decimals(String hex) {
        byte[] data = AbiAnswers.bytes(hex).orElse(null);
        if (data == null || data.length != WORD) {
            return OptionalInt.empty();
        }
        BigInteger value = AbiAnswers.unsigned(data, 0);
        return value.compareTo(BigInteger.valueOf(MAX_DECIMALS)) > 0
                ? OptionalInt.empty()
                : OptionalInt.of(value.intValue());
    }
}
