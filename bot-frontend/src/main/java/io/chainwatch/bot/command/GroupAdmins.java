package io.chainwatch.bot.command;

/** Whether a user may change a group chat's watches. Implemented with Telegram's getChatMember. */
@FunctionalInterface
public interface GroupAdmins {

    /** Lets everybody change everything; for private chats and tests. */
    GroupAdmins EVERYONE = (chatId, userId) -> true;

    boolean isAdmin(long chatId, long userId);
}
