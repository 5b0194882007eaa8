package io.chainwatch.notifier.erc20;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class TokenAbiTest {

    /** An ABI-encoded {@code string} return value. */
    static String abiString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int padded = (bytes.length + 31) / 32 * 32;
        byte[] data = new byte[64 + padded];
        data[31] = 32;
        data[63] = (byte) bytes.length;
        System.arraycopy(bytes, 0, data, 64, bytes.length);
        return "0x" + HexFormat.of().formatHex(data);
    }

    static String word(long value) {
        return "0x" + "0".repeat(48) + String.format("%016x", value);
    }

    @Test
    void shouldReadAStringSymbol() {
        assertThat(TokenAbi.symbol(abiString("USDT"))).hasValue("USDT");
        assertThat(TokenAbi.symbol(abiString("Ünïcode 🪙"))).hasValue("Ünïcode 🪙");
    }

    @Test
    void shouldReadABytes32Symbol() {
        // MKR returns its symbol as bytes32
        String mkr = "0x4d4b5200000000000000000000000000000000000000000000000000000000";
        assertThat(TokenAbi.symbol(mkr + "00")).hasValue("MKR");
    }

    @Test
    void shouldRefuseMalformedSymbolAnswers() {
        assertThat(TokenAbi.symbol("0x")).isEmpty();
        assertThat(TokenAbi.symbol(null)).isEmpty();
        assertThat(TokenAbi.symbol("0x" + "00".repeat(32))).isEmpty();
        assertThat(TokenAbi.symbol("0xzz")).isEmpty();
        // an offset or a length pointing past the data
        assertThat(TokenAbi.symbol(word(4096) + word(4).substring(2))).isEmpty();
        assertThat(TokenAbi.symbol(word(32) + word(1000).substring(2))).isEmpty();
        // not UTF-8
        assertThat(TokenAbi.symbol("0xff" + "00".repeat(31))).isEmpty();
    }

    @Test
    void shouldReadDecimalsAsOneWordUpTo255() {
        assertThat(TokenAbi.decimals(word(6))).hasValue(6);
        assertThat(TokenAbi.decimals(word(18))).hasValue(18);
        assertThat(TokenAbi.decimals(word(0))).hasValue(0);
        assertThat(TokenAbi.decimals(word(256))).isEmpty();
        assertThat(TokenAbi.decimals("0x")).isEmpty();
        assertThat(TokenAbi.decimals("0x" + "ff".repeat(32))).isEmpty();
    }
}
