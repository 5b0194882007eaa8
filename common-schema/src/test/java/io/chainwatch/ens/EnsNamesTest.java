package io.chainwatch.ens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnsNamesTest {

    @ParameterizedTest
    @CsvSource({"vitalik.eth, vitalik.eth", "Vitalik.ETH, vitalik.eth", "_dev-01.eth, _dev-01.eth",
            "sub.alice.eth, sub.alice.eth", "ÉCOLE.eth, école.eth", "münchen.eth, münchen.eth", "中文.eth, 中文.eth",
            "eth, eth"})
    void shouldLowerCaseAndComposeValidNames(String given, String normal) {
        assertThat(EnsNames.normalise(given)).isEqualTo(new EnsNames.Normalised.Valid(normal));
    }

    @Test
    void shouldComposeDecomposedLettersWithNfc() {
        assertThat(EnsNames.normalise("mu\u0308nchen.eth")).isEqualTo(new EnsNames.Normalised.Valid(
                "m\u00fcnchen.eth"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".eth", "alice..eth", "alice.eth.", "ali ce.eth", "alice\t.eth", "al\u0000ice.eth",
            "al\u200bice.eth", "<b>x</b>.eth", "a&b.eth", "alice!.eth", "a_b.eth", "xn--abc.eth", "🦊.eth",
            "v\u0456talik.eth", "alice\u00a0.eth"})
    void shouldRefuseWhatIsOutsideTheSubset(String given) {
        assertThat(EnsNames.normalise(given)).isInstanceOf(EnsNames.Normalised.Invalid.class);
    }

    @Test
    void shouldRefuseOverlongNames() {
        assertThat(EnsNames.normalise("a".repeat(EnsNames.MAX_NAME_CHARS) + ".eth")).isInstanceOf(
                EnsNames.Normalised.Invalid.class);
    }

    @Test
    void shouldSayWhyWithoutQuotingTheInput() {
        EnsNames.Normalised result = EnsNames.normalise("<b>x</b>.eth");
        assertThat(((EnsNames.Normalised.Invalid) result).reason()).contains("U+003C").doesNotContain("<");
    }

    @Test
    void shouldTellNormalFormFromOther() {
        assertThat(EnsNames.isNormal("alice.eth")).isTrue();
        assertThat(EnsNames.isNormal("Alice.eth")).isFalse();
        assertThat(EnsNames.isNormal("<b>x</b>.eth")).isFalse();
    }
}
