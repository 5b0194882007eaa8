package io.chainwatch.notifier.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class FeedAbiTest {

    private static String word(BigInteger value) {
        String hex = value.signum() < 0
                ? value.add(BigInteger.ONE.shiftLeft(256)).toString(16)
                : value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static String round(long answer, long updatedAt) {
        return "0x" + word(BigInteger.valueOf(7)) + word(BigInteger.valueOf(answer)) + word(BigInteger.valueOf(
                updatedAt - 1)) + word(BigInteger.valueOf(updatedAt)) + word(BigInteger.valueOf(7));
    }

    @Test
    void shouldReadTheAnswerAndWhenItWasUpdated() {
        assertThat(FeedAbi.round(round(340_812_345_678L, 1_760_000_000L))).contains(new FeedAbi.Round(BigInteger
                .valueOf(340_812_345_678L), 1_760_000_000L));
    }

    @Test
    void shouldReadANegativeAnswerAsNegative() {
        assertThat(FeedAbi.round(round(-5, 1))).map(FeedAbi.Round::answer).contains(BigInteger.valueOf(-5));
    }

    @Test
    void shouldRefuseAnswersOfAnotherShape() {
        assertThat(FeedAbi.round("0x")).isEmpty();
        assertThat(FeedAbi.round(round(1, 1).substring(0, 2 + 64 * 4))).isEmpty();
        assertThat(FeedAbi.round("0xzz")).isEmpty();
        assertThat(FeedAbi.round(null)).isEmpty();
    }

    @Test
    void shouldReadDecimalsUpToThirtySix() {
        assertThat(FeedAbi.decimals("0x" + word(BigInteger.valueOf(8)))).hasValue(8);
        assertThat(FeedAbi.decimals("0x" + word(BigInteger.valueOf(37)))).isEmpty();
        assertThat(FeedAbi.decimals("0x")).isEmpty();
    }
}
