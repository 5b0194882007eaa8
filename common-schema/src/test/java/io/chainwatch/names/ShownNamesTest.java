package io.chainwatch.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.chainwatch.ens.EnsOutcome;

class ShownNamesTest {

    private static final String SHOWN = "<code>0xAbC</code>";

    @Test
    void shouldPutTheBookNameBeforeTheAddressAndPreferItToEns() {
        assertThat(ShownNames.named(Optional.of("Binance 14"), new EnsOutcome.Named("alice.eth"), SHOWN)).isEqualTo(
                "<b>Binance 14</b> " + SHOWN);
    }

    @Test
    void shouldPutAVerifiedEnsNameBeforeTheAddressWhenTheBookHasNone() {
        assertThat(ShownNames.named(Optional.empty(), new EnsOutcome.Named("alice.eth"), SHOWN)).isEqualTo(
                "<b>alice.eth</b> " + SHOWN);
    }

    @Test
    void shouldShowTheBareAddressWithoutANameOrWhenTheLookupFailed() {
        assertThat(ShownNames.named(Optional.empty(), new EnsOutcome.NoName(), SHOWN)).isEqualTo(SHOWN);
        assertThat(ShownNames.named(Optional.empty(), new EnsOutcome.Failed("timeout"), SHOWN)).isEqualTo(SHOWN);
    }

    @Test
    void shouldEscapeAndCutNamesWeDidNotWrite() {
        assertThat(ShownNames.named(Optional.of("<i>x</i> & co"), new EnsOutcome.NoName(), SHOWN)).isEqualTo(
                "<b>&lt;i&gt;x&lt;/i&gt; &amp; co</b> " + SHOWN);
        String shown = ShownNames.ens(new EnsOutcome.Named("a".repeat(100) + ".eth"), SHOWN);
        assertThat(shown).startsWith("<b>" + "a".repeat(ShownNames.MAX_ENS_NAME_CHARS - 1) + "…</b> ");
    }

    @Test
    void shouldNeverShowAnUntrustedNameAsTheNameOnlyQuoteItInAWarning() {
        assertThat(ShownNames.named(Optional.empty(), new EnsOutcome.Untrusted("<b>x</b>.eth", "it is not valid"),
                SHOWN))
                .isEqualTo(SHOWN + "\n🚩 Its ENS name “&lt;b&gt;x&lt;/b&gt;.eth” is not shown: it is not valid.");
    }
}
