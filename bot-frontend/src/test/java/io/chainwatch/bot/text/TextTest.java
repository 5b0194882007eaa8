package io.chainwatch.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"plain|plain", "  two   spaces |two spaces", "a\u202Eb\u200Fc|abc",
            "zero\u200Bwidth|zerowidth", "bom\uFEFF|bom"})
    void shouldRemoveInvisibleCharactersWhenCleaning(String input, String expected) {
        assertThat(Text.clean(input)).isEqualTo(expected);
    }

    @Test
    void shouldTurnLineBreaksIntoSpacesWhenCleaning() {
        assertThat(Text.clean("a\nb\r\nc\u0000d")).isEqualTo("a b c d");
    }

    @Test
    void shouldDropUnpairedSurrogatesWhenCleaning() {
        assertThat(Text.clean("a\uD800b\uDC00c")).isEqualTo("abc");
    }

    @Test
    void shouldEscapeTelegramsReservedCharacters() {
        assertThat(Html.escape("<b>&\"'</b>")).isEqualTo("&lt;b&gt;&amp;&quot;'&lt;/b&gt;");
    }

    @Test
    void shouldCutAndEscapeWhenEchoingInput() {
        assertThat(Html.echo("<" + "a".repeat(100), 5)).isEqualTo("&lt;aaaa…");
    }
}
