package io.chainwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chainwatch.demo.ChatTranscript.Button;
import io.chainwatch.demo.ChatTranscript.Entry;
import io.chainwatch.demo.ChatTranscript.UserMessage;
import io.chainwatch.devkit.BotApiDouble.SentMessage;

class ChatTranscriptTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static SentMessage bot(int id, String text, int second, boolean edit, String markup) {
        return new SentMessage(1001, id, text, "HTML", T0.plusSeconds(second), edit, markup, false);
    }

    @Test
    void shouldInterleaveTheTypedMessagesAndTheBotsAnswersInTimeOrder() {
        List<Entry> entries = ChatTranscript.of(List.of(new UserMessage(1, "/start", T0), new UserMessage(2,
                "/watch devnet <b>", T0.plusSeconds(2))), List.of(bot(1, "Hi <b>there</b>", 1, false, null),
                        bot(2,
                                "Watching", 3, false, null)));

        assertThat(entries).extracting(Entry::key).containsExactly("u1", "b1", "u2", "b2");
        assertThat(entries.get(1).html()).isEqualTo("Hi <b>there</b>");
        assertThat(entries.get(2).html()).isEqualTo("/watch devnet &lt;b&gt;");
        assertThat(entries.get(2).fromBot()).isFalse();
    }

    @Test
    void shouldApplyAnEditToTheMessageItEditsAndKeepItsPlace() {
        List<Entry> entries = ChatTranscript.of(List.of(), List.of(bot(5, "⬇️ 1 ETH", 1, false, null), bot(6,
                "other", 2, false, null), bot(5, "<s>⬇️ 1 ETH</s> orphaned", 3, true, null)));

        assertThat(entries).extracting(Entry::key).containsExactly("b5", "b6");
        assertThat(entries.get(0).html()).isEqualTo("<s>⬇️ 1 ETH</s> orphaned");
        assertThat(entries.get(0).edited()).isTrue();
        assertThat(entries.get(0).at()).isEqualTo(T0.plusSeconds(1).toEpochMilli());
    }

    @Test
    void shouldOfferCallbackButtonsAndOnlyWebLinks() {
        String markup = "{\"inline_keyboard\":[[{\"text\":\"Unwatch <b>\",\"callback_data\":\"unwatch:7\"},"
                + "{\"text\":\"tx\",\"url\":\"https://etherscan.io/tx/0x1\"}],[{\"text\":\"bad\","
                + "\"url\":\"javascript:alert(1)\"}]]}";

        assertThat(ChatTranscript.buttons(markup)).containsExactly(List.of(new Button("Unwatch <b>", "unwatch:7",
                null), new Button("tx", null, "https://etherscan.io/tx/0x1")));
        assertThat(ChatTranscript.buttons("{\"keyboard\":[[{\"text\":\"x\"}]]}")).isEmpty();
        assertThat(ChatTranscript.buttons("not json")).isEmpty();
        assertThat(ChatTranscript.buttons(null)).isEmpty();
    }
}
