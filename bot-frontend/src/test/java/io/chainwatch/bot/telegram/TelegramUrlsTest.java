package io.chainwatch.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

class TelegramUrlsTest {

    @Test
    void shouldParseApiUrlIntoTelegramUrl() {
        assertThat(TelegramUrls.parse("http://127.0.0.1:8081")).isEqualTo(new TelegramUrl("http", "127.0.0.1", 8081,
                false));
        assertThat(TelegramUrls.parse("https://api.telegram.org")).isEqualTo(new TelegramUrl("https",
                "api.telegram.org", 443, false));
    }
}
