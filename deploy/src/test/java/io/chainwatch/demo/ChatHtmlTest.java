package io.chainwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatHtmlTest {

    @Test
    void shouldKeepTelegramsFormattingTags() {
        assertThat(ChatHtml.fromTelegramHtml("<b>In</b> <i>1 ETH</i> on <u>devnet</u> <code>0xab</code>"))
                .isEqualTo("<b>In</b> <i>1 ETH</i> on <u>devnet</u> <code>0xab</code>");
        assertThat(ChatHtml.fromTelegramHtml("<strong>a</strong><em>b</em><ins>c</ins><strike>d</strike><del>e</del>"))
                .isEqualTo("<b>a</b><i>b</i><u>c</u><s>d</s><s>e</s>");
        assertThat(ChatHtml.fromTelegramHtml("<pre>x</pre><blockquote>q</blockquote>"))
                .isEqualTo("<pre>x</pre><blockquote>q</blockquote>");
    }

    @Test
    void shouldRewriteLinksWithOnlyACheckedHref() {
        assertThat(ChatHtml.fromTelegramHtml("<a href=\"https://etherscan.io/tx/0x1?a=1&amp;b=2\" onclick=\"x()\">"
                + "tx</a>")).isEqualTo("<a href=\"https://etherscan.io/tx/0x1?a=1&amp;b=2\" target=\"_blank\" "
                        + "rel=\"noopener noreferrer\">tx</a>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"javascript:alert(1)", "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "&#106;avascript:alert(1)", " javascript:alert(1)", "java&#x0A;script:alert(1)", "//evil.example/x"})
    void shouldDropLinksThatAreNotWebOrTelegramLinks(String href) {
        String html = ChatHtml.fromTelegramHtml("<a href=\"" + href.replace("\"", "&quot;") + "\">click</a>");
        assertThat(html).isEqualTo("<a>click</a>");
    }

    @Test
    void shouldEscapeEveryOtherTagAndAttribute() {
        assertThat(ChatHtml.fromTelegramHtml("<img src=x onerror=alert(1)><script>alert(1)</script>")).isEqualTo(
                "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(ChatHtml.fromTelegramHtml("<b onmouseover=\"alert(1)\">x</b>")).isEqualTo("<b>x</b>");
        assertThat(ChatHtml.fromTelegramHtml("<span class=\"x\" style=\"position:fixed\">y</span>")).isEqualTo(
                "<span>y</span>");
    }

    @Test
    void shouldShowSpoilersAsSpoilers() {
        assertThat(ChatHtml.fromTelegramHtml("<tg-spoiler>a</tg-spoiler><span class=\"tg-spoiler\">b</span>"))
                .isEqualTo("<span class=\"spoiler\">a</span><span class=\"spoiler\">b</span>");
    }

    @Test
    void shouldKeepTelegramsEntitiesAndEscapeEverythingElse() {
        assertThat(ChatHtml.fromTelegramHtml("a &lt;b&gt; &amp; &quot;c&quot; &#169; &#x1F600; &nbsp; 'q' 1 > 0"))
                .isEqualTo("a &lt;b&gt; &amp; &quot;c&quot; © 😀 &amp;nbsp; &#39;q&#39; 1 &gt; 0");
        // an entity that decodes to markup stays text
        assertThat(ChatHtml.fromTelegramHtml("&#60;script&#62;")).isEqualTo("&lt;script&gt;");
    }

    @Test
    void shouldBalanceTagsLeftOpenOrClosedOutOfOrder() {
        assertThat(ChatHtml.fromTelegramHtml("<b>bold <i>both")).isEqualTo("<b>bold <i>both</i></b>");
        assertThat(ChatHtml.fromTelegramHtml("<b>x <i>y</b> z</i>")).isEqualTo("<b>x <i>y</i></b> z");
        assertThat(ChatHtml.fromTelegramHtml("</blockquote>after")).isEqualTo("after");
    }

    @Test
    void shouldOnlyEscapePlainText() {
        assertThat(ChatHtml.render("<b>not bold</b> & co", null)).isEqualTo("&lt;b&gt;not bold&lt;/b&gt; &amp; co");
        assertThat(ChatHtml.render("<b>bold</b>", "HTML")).isEqualTo("<b>bold</b>");
    }

    @Test
    void shouldStayFastOnHostileInput() {
        String hostile = "<a" + " href=x".repeat(2000) + " " + "\t".repeat(4000);
        long started = System.nanoTime();
        assertThat(ChatHtml.fromTelegramHtml(hostile)).startsWith("&lt;a href=x");
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }
}
