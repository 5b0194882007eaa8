package io.chainwatch.notifier;

/** Sends one HTML message to one chat. Implementations are thread-safe and never throw: every end is an outcome. */
interface TelegramClient extends AutoCloseable {

    SendOutcome send(long chatId, String html);

    /** Whether messages really go to Telegram (false: they are only logged). */
    boolean live();

    @Override
    default void close() {
    }
}
