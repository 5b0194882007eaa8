package io.chainwatch.bot.command;

/**
 * A message to the bot, reduced to what the handlers need.
 *
 * @param chatId the chat it came from; every read and write is scoped to it
 * @param chatType {@code private}, {@code group}, {@code supergroup} or {@code channel}
 * @param userId the sender (0 when unknown)
 * @param senderIsChat true when sent on behalf of the chat itself (an anonymous group admin)
 * @param text the text, may be null
 */
public record Incoming(long chatId, String chatType, long userId, boolean senderIsChat, String text) {

    boolean isGroup() {
        return !"private".equals(chatType);
    }
}
