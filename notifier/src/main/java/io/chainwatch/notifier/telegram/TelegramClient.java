package io.chainwatch.notifier.telegram;

/**
 * Sends one HTML message to one chat, or edits one the bot sent. Implementations are thread-safe and never throw:
 * every end is an outcome.
 */
public interface TelegramClient extends AutoCloseable {

    /** Sends {@code html} to {@code chatId}; {@code silent}: without sound ({@code disable_notification}). */
    SendOutcome send(long chatId, String html, boolean silent);

    /** Sends {@code html} to {@code chatId} with sound. */
    default SendOutcome send(long chatId, String html) {
        return send(chatId, html, false);
    }

    /**
     * Replaces the text of message {@code messageId} in {@code chatId} ({@code editMessageText}); {@link
     * SendOutcome.Delivered} carries the edited message's id, {@link SendOutcome.NotEditable} says the message is
     * gone or too old.
     */
    SendOutcome edit(long chatId, long messageId, String html);

    /** Whether messages really go to Telegram (false: they are only logged). */
    boolean live();

    @Override
    default void close() {
    }
}
