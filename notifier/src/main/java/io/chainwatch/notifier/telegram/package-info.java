/**
 * The Telegram transport: {@link TelegramClient} sends or edits one HTML message and returns what became of it as a
 * {@link SendOutcome}, never an exception. {@link BotApiClient} calls the Bot API over HTTP and leaves what an answer
 * or a failure means to {@code TelegramErrorClassifier}, the one place that decides it; {@link LoggingTelegramClient}
 * logs the messages instead when there is no bot token. What to do about an outcome (wait, back off, dead-letter) is
 * delivery's business.
 * <p>
 * Depends on nothing else in the notifier.
 */
package io.chainwatch.notifier.telegram;
