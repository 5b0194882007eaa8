package io.chainwatch.bot.command;

import java.util.List;
import java.util.function.LongConsumer;

/** What the bot does in answer to a message or a button press. */
public sealed interface Response {

    /** An inline keyboard button whose press comes back as {@code callbackData}. */
    record Button(String text, String callbackData) {
    }

    /**
     * Send (or, for a button press, edit the message into) this text.
     *
     * @param html Telegram HTML
     * @param keyboard rows of inline buttons, empty for none
     * @param toast short text shown for a button press, or null
     */
    record Reply(String html, List<List<Button>> keyboard, String toast) implements Response {
        public Reply {
            keyboard = keyboard.stream().map(List::copyOf).toList();
        }

        Reply(String html) {
            this(html, List.of(), null);
        }
    }

    /**
     * Tell the sender briefly without changing anything: a button press is answered with {@code text} as its
     * notification (the message stays as it is).
     */
    record Notice(String text) implements Response {
    }

    /** Say nothing: text not meant for this bot, or a command of a chat that was already asked to slow down. */
    record Ignore() implements Response {
    }

    /**
     * Send this answer to {@code /track}, then tell {@code answered} the message's id: the tracker edits that message
     * as the transaction's story goes on.
     */
    record Tracking(String html, LongConsumer answered) implements Response {
    }
}
