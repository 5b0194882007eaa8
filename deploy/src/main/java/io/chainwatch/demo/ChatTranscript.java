package io.chainwatch.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.devkit.BotApiDouble.SentMessage;

/**
 * The conversation the chat page shows: what the person typed and what the bot sent, in time order, with each edit
 * applied to the message it edits (as a Telegram app shows it). Every text leaves here as safe HTML
 * ({@link ChatHtml}) and buttons carry only their label, callback data or a checked web link, so the page never
 * interprets anything it did not get from here.
 */
final class ChatTranscript {

    /** A message the person typed on the page. */
    record UserMessage(int id, String text, Instant at) {
    }

    /** One inline keyboard button: either {@code data} (a callback) or {@code url} (a link) is set. */
    record Button(String text, String data, String url) {
    }

    /**
     * One bubble.
     *
     * @param key unique on the page: {@code u<id>} for the person's messages, {@code b<message id>} for the bot's
     * @param messageId the bot's message id (for button presses), 0 for the person's messages
     * @param html safe HTML
     * @param at when it was first sent, epoch milliseconds
     */
    record Entry(String key, boolean fromBot, int messageId, String html, long at, boolean edited,
            List<List<Button>> buttons) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatTranscript() {
    }

    static List<Entry> of(List<UserMessage> typed, List<SentMessage> sent) {
        Map<Integer, Entry> bot = new LinkedHashMap<>();
        for (SentMessage message : sent) {
            Entry previous = bot.get(message.messageId());
            if (message.edit() && previous == null) {
                continue; // an edit of a message this page never saw
            }
            long at = previous == null ? message.at().toEpochMilli() : previous.at();
            bot.put(message.messageId(), new Entry("b" + message.messageId(), true, message.messageId(), ChatHtml
                    .render(message.text(), message.parseMode()), at, message.edit(),
                    buttons(message
                            .replyMarkup())));
        }
        List<Entry> entries = new ArrayList<>(bot.values());
        for (UserMessage message : typed) {
            entries.add(new Entry("u" + message.id(), false, 0, ChatHtml.escape(message.text()),
                    message.at().toEpochMilli(), false,
                    List.of()));
        }
        entries.sort(Comparator.comparingLong(Entry::at));
        return entries;
    }

    /** The inline keyboard of a reply markup; other keyboards and malformed JSON give no buttons. */
    static List<List<Button>> buttons(String replyMarkup) {
        if (replyMarkup == null || replyMarkup.isBlank()) {
            return List.of();
        }
        JsonNode keyboard;
        try {
            keyboard = JSON.readTree(replyMarkup).path("inline_keyboard");
        } catch (Exception e) {
            return List.of();
        }
        List<List<Button>> rows = new ArrayList<>();
        for (JsonNode row : keyboard) {
            List<Button> buttons = new ArrayList<>();
            for (JsonNode button : row) {
                String text = button.path("text").asText("");
                if (button.hasNonNull("callback_data")) {
                    buttons.add(new Button(text, button.get("callback_data").asText(), null));
                } else if (isWebLink(button.path("url").asText(""))) {
                    buttons.add(new Button(text, null, button.get("url").asText()));
                }
            }
            if (!buttons.isEmpty()) {
                rows.add(List.copyOf(buttons));
            }
        }
        return List.copyOf(rows);
    }

    private static boolean isWebLink(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
