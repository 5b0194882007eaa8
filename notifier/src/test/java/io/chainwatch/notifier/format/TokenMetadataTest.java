package io.chainwatch.notifier.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenMetadataTest {

    @Test
    void shouldKeepAnOrdinarySymbol() {
        assertThat(TokenMetadata.cleanSymbol("USDC")).hasValue("USDC");
        assertThat(TokenMetadata.cleanSymbol(" wstETH ")).hasValue("wstETH");
    }

    @Test
    void shouldDropControlAndBidiCharactersThatCouldDisguiseTheText() {
        // U+202E RIGHT-TO-LEFT OVERRIDE would reverse what follows the symbol in the message
        assertThat(TokenMetadata.cleanSymbol("US\u202EDT\u0000\n")).hasValue("USDT");
        assertThat(TokenMetadata.cleanSymbol("A\tB   C")).hasValue("A B C");
        assertThat(TokenMetadata.cleanSymbol("\u200B\u0007")).isEmpty();
        assertThat(TokenMetadata.cleanSymbol(null)).isEmpty();
    }

    @Test
    void shouldCutALongSymbol() {
        assertThat(TokenMetadata.cleanSymbol("Visit evil.example to claim your reward")).hasValueSatisfying(
                s -> assertThat(s).hasSize(TokenMetadata.MAX_SYMBOL_CHARS).endsWith("…"));
    }

    @Test
    void shouldRefuseBlankSymbolsAndImpossibleDecimals() {
        assertThatThrownBy(() -> new TokenMetadata(" ", 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenMetadata("X", 256)).isInstanceOf(IllegalArgumentException.class);
    }
}
