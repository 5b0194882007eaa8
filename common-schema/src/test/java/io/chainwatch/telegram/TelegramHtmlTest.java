package io.chainwatch.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    @Test
    void shouldEscapeEveryCharacterTelegramTreatsSpecially() {
        assertThat(TelegramHtml.escape("<b>\"Tom & Jerry\"</b> 🐱")).isEqualTo(
                "&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt; 🐱");
        assertThat(TelegramHtml.escape(null)).isEmpty();
    }
}
