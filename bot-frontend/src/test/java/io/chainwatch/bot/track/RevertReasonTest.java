package io.chainwatch.bot.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevertReasonTest {

    /** Error(string) of {@code text}, ABI-encoded. */
    static String errorString(String text) {
        StringBuilder hex = new StringBuilder("0x08c379a0").append("%064x".formatted(32)).append("%064x".formatted(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        StringBuilder data = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            data.append("%02x".formatted(b));
        }
        while (data.length() % 64 != 0 || data.isEmpty()) {
            data.append('0');
        }
        return hex.append(data).toString();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "ERROR:nope | nope",
            "ERROR:ERC20: transfer amount exceeds balance | ERC20: transfer amount exceeds balance",
            "ERROR:<b>bold</b> | <b>bold</b>", // kept as written: the text layer escapes it
            "ERROR:line\\nbreak | line break",
            "ERROR: | NONE",
            "0x4e487b710000000000000000000000000000000000000000000000000000000000000011"
                    + " | panic 0x11 (arithmetic overflow or underflow)",
            "0x4e487b710000000000000000000000000000000000000000000000000000000000000099 | panic 0x99",
            "0xe450d38c0000000000000000000000001111111111111111111111111111111111111111 | custom error 0xe450d38c",
            "0x08c379a0ffff | reverted with malformed data",
            "0x | NONE",
            "0x1234 | NONE",
            "not hex at all | NONE"})
    void shouldPutRevertDataInWords(String data, String expected) {
        String hex = data.startsWith("ERROR:")
                ? errorString(data.substring("ERROR:".length()).replace("\\n", "\n"))
                : data;

        assertThat(RevertReason.decode(hex)).isEqualTo(Optional.ofNullable(expected));
    }

    @org.junit.jupiter.api.Test
    void shouldCutAVeryLongReason() {
        assertThat(RevertReason.decode(errorString("x".repeat(5_000))).orElseThrow()).hasSize(RevertReason.MAX_LENGTH)
                .endsWith("…");
    }
}
