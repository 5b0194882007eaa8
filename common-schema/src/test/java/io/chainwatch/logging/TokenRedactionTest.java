package io.chainwatch.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenRedactionTest {

    static final TokenRedaction REDACTION = TokenRedaction.of(Optional.of("not-token-shaped-secret"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "token 123456:AAEchainwatchLocalTestToken00000000 used|token <redacted> used",
            "POST https://api.telegram.org/bot123456:AAEchainwatchLocalTestToken00000000/sendMessage failed|"
                    + "POST https://api.telegram.org/bot<redacted>/sendMessage failed",
            "GET http://127.0.0.1:8081/bot42:short/getMe|GET http://127.0.0.1:8081/bot<redacted>/getMe",
            "{\"url\":\"https:\\/\\/api.telegram.org\\/bot42:short\\/getMe\"}|"
                    + "{\"url\":\"https:\\/\\/api.telegram.org\\/bot<redacted>\\/getMe\"}",
            "the secret not-token-shaped-secret leaked|the secret <redacted> leaked",
            "block 21000000:0xabc at 10:00:00, chat 4242|block 21000000:0xabc at 10:00:00, chat 4242"})
    void shouldMaskBotTokensWhereverTheyAppearAndNothingElse(String text, String expected) {
        assertThat(REDACTION.redact(text)).isEqualTo(expected);
    }
}
