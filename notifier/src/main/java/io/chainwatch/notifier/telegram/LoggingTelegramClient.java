package io.chainwatch.notifier.telegram;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a bot token (the standalone mode without Telegram), each message is logged at INFO, one line per message,
 * instead of being sent; everything else (limits, digests, the ledger, offsets) works as with Telegram.
 * Thread-safe.
 */
public final class LoggingTelegramClient implements TelegramClient {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingTelegramClient.class);

    private final AtomicLong messageIds = new AtomicLong();

    @Override
    public SendOutcome send(long chatId, String html, boolean silent) {
        LOG.info("Would send to chat {}{}: {}", chatId, silent ? " (silently)" : "", html.replace("\n", " ⏎ "));
        return new SendOutcome.Delivered(messageIds.incrementAndGet());
    }

    @Override
    public SendOutcome edit(long chatId, long messageId, String html) {
        LOG.info("Would edit message {} in chat {}: {}", messageId, chatId, html.replace("\n", " ⏎ "));
        return new SendOutcome.Delivered(messageId);
    }

    @Override
    public boolean live() {
        return false;
    }
}
