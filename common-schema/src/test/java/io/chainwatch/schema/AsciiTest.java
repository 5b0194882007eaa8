package io.chainwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class AsciiTest {

    @Test
    void shouldReturnTheSameStringWhenItIsAlreadyLowerCase() {
        String address = new String("0xabcdef0123456789abcdef0123456789abcdef01");

        assertThat(Ascii.lower(address)).isSameAs(address);
    }

    @Test
    void shouldFoldCapitalsWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR")); // where "I".toLowerCase() is a dotless ı
        try {
            assertThat(Ascii.lower("0xABCDEF0123456789ABCDEF0123456789ABCDEFI1")).isEqualTo(
                    "0xabcdef0123456789abcdef0123456789abcdefi1");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void shouldKeepNull() {
        assertThat(Ascii.lower(null)).isNull();
    }
}
