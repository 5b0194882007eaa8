package io.chainwatch.ens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnsAbiTest {

    private static final String ZERO_WORD = "00".repeat(32);

    @Test
    void shouldEncodeACallWithOneNode() {
        assertThat(EnsAbi.call(EnsAbi.ADDR, Namehash.of("eth"))).isEqualTo(
                "0x3b3b57de93cdeb708b7545dc668eb9280176169d1c33cfd8ed6f04690a0bcc88a93fc4ae");
    }

    @Test
    void shouldReadAnAddressWord() {
        assertThat(EnsAbi.address("0x000000000000000000000000d8dA6BF26964aF9D7eEd9e03E53415D37aA96045")).contains(
                "0xd8da6bf26964af9d7eed9e03e53415d37aa96045");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x", "0x0000000000000000000000000000000000000000000000000000000000000000",
            "0x0100000000000000000000000000000000000000000000000000000000000000",
            "0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "0xzz", "0x123", "", "deadbeef",
            "0x000000000000000000000001d8da6bf26964af9d7eed9e03e53415d37aa96045"})
    void shouldReadNoAddressFromZeroOrMalformedAnswers(String answer) {
        assertThat(EnsAbi.address(answer)).isEmpty();
    }

    @Test
    void shouldReadAString() {
        assertThat(EnsAbi.string(string("alice.eth"))).contains("alice.eth");
        assertThat(EnsAbi.string(string("école.eth"))).contains("école.eth");
    }

    @Test
    void shouldReadNoStringFromEmptyOrOutOfBoundsAnswers() {
        assertThat(EnsAbi.string(string(""))).isEmpty();
        assertThat(EnsAbi.string("0x")).isEmpty();
        assertThat(EnsAbi.string("0x" + ZERO_WORD)).isEmpty();
        // offset past the end
        assertThat(EnsAbi.string("0x" + word(4096) + word(1) + ZERO_WORD)).isEmpty();
        // length past the end
        assertThat(EnsAbi.string("0x" + word(32) + word(64) + "61".repeat(32))).isEmpty();
        // a length word so large it does not fit an int
        assertThat(EnsAbi.string("0x" + word(32) + "ff".repeat(32) + ZERO_WORD)).isEmpty();
        // not UTF-8
        assertThat(EnsAbi.string("0x" + word(32) + word(2) + "c328" + "00".repeat(30))).isEmpty();
    }

    @Test
    void shouldReadNoStringLongerThanTheBound() {
        assertThat(EnsAbi.string(string("a".repeat(EnsAbi.MAX_NAME_BYTES)))).isPresent();
        assertThat(EnsAbi.string(string("a".repeat(EnsAbi.MAX_NAME_BYTES + 1)))).isEmpty();
    }

    /** An ABI-encoded {@code string} return value. */
    static String string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int padded = (bytes.length + 31) / 32 * 32;
        byte[] data = new byte[padded];
        System.arraycopy(bytes, 0, data, 0, bytes.length);
        return "0x" + word(32) + word(bytes.length) + HexFormat.of().formatHex(data);
    }

    static String word(long value) {
        return String.format("%064x", value);
    }

    static Optional<String> addressWord(String address) {
        return Optional.of("0x" + "00".repeat(12) + address.substring(2));
    }
}
