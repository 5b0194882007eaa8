package io.chainwatch.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TelegramHtmlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<b>bold</b> and <i>it</i>|bold and it",
            "<strong>a</strong><em>b</em><u>c</u><ins>d</ins><s>e</s><strike>f</strike><del>g</del>|abcdefg",
            "<a href=\"https://etherscan.io/tx/0xab\">0xab</a>|0xab",
            "<code>x</code> <pre><code class=\"language-java\">y</code></pre>|x y",
            "<tg-spoiler>s</tg-spoiler><span class=\"tg-spoiler\">t</span>|st",
            "<blockquote>q</blockquote><tg-emoji emoji-id=\"5368324170671202286\">E</tg-emoji>|qE",
            "1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;ok&quot;|1 < 2 && 3 > 2 \"ok\"",
            "&#169; &#x1F600;|\u00a9 \uD83D\uDE00",
            "<B>upper</B>|upper"})
    void shouldReturnPlainTextWhenHtmlIsValid(String html, String plain) throws BotApiException {
        assertThat(TelegramHtml.toPlainText(html)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<div>x</div>", "<span>x</span>", "<b>open", "<b><i>x</b></i>", "x</b>", "1 < 2",
            "Tom & Jerry", "&nbsp;", "<tg-emoji>x</tg-emoji>", "<b"})
    void shouldRejectWhenHtmlIsInvalid(String html) {
        assertThatThrownBy(() -> TelegramHtml.toPlainText(html)).isInstanceOf(BotApiException.class)
                .hasMessageStartingWith("Bad Request: can't parse entities: ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<foo>|Unsupported start tag \"foo\" at byte offset 0",
            "é<b>x</i>|Unmatched end tag at byte offset 6, expected \"</b>\", found \"</i>\"",
            "<b>x|Can't find end tag corresponding to start tag \"b\""})
    void shouldNameReasonAndByteOffsetWhenRejecting(String html, String reason) {
        assertThatThrownBy(() -> TelegramHtml.toPlainText(html))
                .hasMessage("Bad Request: can't parse entities: " + reason);
    }
}
