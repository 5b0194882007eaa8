package io.chainwatch.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class AbiAnswersTest {

    private static String word(long value) {
        return String.format("%064x", value);
    }

    private static String text(String s) {
        StringBuilder hex = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b));
        }
        while (hex.length() % 64 != 0) {
            hex.append('0');
        }
        return hex.toString();
    }

    @Test
    void shouldReadOnlyPrefixedHexOfWholeBytes() {
        assertThat(AbiAnswers.bytes("0x0aff")).hasValueSatisfying(b -> assertThat(b).containsExactly(0x0a, 0xff));
        assertThat(AbiAnswers.bytes("0x")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(AbiAnswers.bytes(null)).isEmpty();
        assertThat(AbiAnswers.bytes("0aff")).isEmpty();
        assertThat(AbiAnswers.bytes("0xaff")).isEmpty();
        assertThat(AbiAnswers.bytes("0xzz")).isEmpty();
    }

    @Test
    void shouldReadWordsSignedAndUnsigned() {
        byte[] data = AbiAnswers.bytes("0x" + word(7) + "f".repeat(64)).orElseThrow();

        assertThat(AbiAnswers.unsigned(data, 0)).isEqualTo(BigInteger.valueOf(7));
        assertThat(AbiAnswers.signed(data, 32)).isEqualTo(BigInteger.ONE.negate());
        assertThat(AbiAnswers.unsigned(data, 32)).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
    }

    @Test
    void shouldReadAStringWithinItsBoundsAndLimit() {
        byte[] ok = AbiAnswers.bytes("0x" + word(32) + word(9) + text("alice.eth")).orElseThrow();

        assertThat(AbiAnswers.string(ok, 100)).contains("alice.eth");
        assertThat(AbiAnswers.string(ok, 8)).isEmpty(); // longer than the caller allows
    }

    @Test
    void shouldReadNothingFromAStringThatPointsOutsideTheAnswerOrIsNotText() {
        byte[] farOffset = AbiAnswers.bytes("0x" + word(4096) + word(3)).orElseThrow();
        byte[] longerThanAnswer = AbiAnswers.bytes("0x" + word(32) + word(1_000_000) + text("abc")).orElseThrow();
        byte[] hugeOffset = AbiAnswers.bytes("0x" + "f".repeat(64) + word(3)).orElseThrow();
        byte[] notUtf8 = AbiAnswers.bytes("0x" + word(32) + word(2) + "c328" + "0".repeat(60)).orElseThrow();
        byte[] empty = AbiAnswers.bytes("0x" + word(32) + word(0)).orElseThrow();
        byte[] oneWord = AbiAnswers.bytes("0x" + word(32)).orElseThrow();

        assertThat(AbiAnswers.string(farOffset, 100)).isEmpty();
        assertThat(AbiAnswers.string(longerThanAnswer, Integer.MAX_VALUE)).isEmpty();
        assertThat(AbiAnswers.string(hugeOffset, 100)).isEmpty();
        assertThat(AbiAnswers.string(notUtf8, 100)).isEmpty();
        assertThat(AbiAnswers.string(empty, 100)).isEmpty();
        assertThat(AbiAnswers.string(oneWord, 100)).isEmpty();
    }
}
