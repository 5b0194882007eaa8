package io.chainwatch.devkit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.chainwatch.devkit.BotApiDouble.SentMessage;

/**
 * Telegram's side of one bot, without HTTP: chats and their messages, what the bot sent, the pending updates, the
 * flood limits and the Bot API methods. Thread-safe: chat state is guarded by one {@link ReentrantLock} (never held
 * while a {@code getUpdates} call waits); counters are atomic.
 */
final class FakeTelegram {

    static final int MAX_TEXT_LENGTH = 4096;

    private final TelegramJson json;
    private final Clock clock;
    private final TelegramRateLimits limits = new TelegramRateLimits(System::nanoTime);
    private final UpdateQueue updates = new UpdateQueue();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sentChanged = lock.newCondition();
    private final Map<Long, ChatState> chats = new HashMap<>();
    private final List<SentMessage> sent = new ArrayList<>();
    private final Set<String> openCallbackQueries = new HashSet<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicLong callbackIds = new AtomicLong(4_000_000_000_000_000L);
    private volatile JsonNode commands;

    FakeTelegram(TelegramJson json, Clock clock) {
        this.json = json;
        this.clock = clock;
        this.commands = json.mapper().createArrayNode();
    }

    /** Runs one Bot API method and returns its {@code result}. */
    JsonNode call(BotApiRequest request) throws BotApiException, InterruptedException {
        // Telegram matches method names case-insensitively (telegrambots sends them in lower case)
        String method = request.method().toLowerCase(java.util.Locale.ROOT);
        requestCounts.computeIfAbsent(method, name -> new AtomicInteger()).incrementAndGet();
        return switch (method) {
            case "getme" -> json.bot();
            case "getupdates" -> getUpdates(request);
            case "setwebhook" -> setWebhook(request);
            case "deletewebhook" -> {
                webhookUrl = "";
                yield BooleanNode.TRUE;
            }
            case "getwebhookinfo" -> json.mapper()
                    .createObjectNode()
                    .put("url", webhookUrl)
                    .put("has_custom_certificate", false)
                    .put("pending_update_count", updates.pendingCount());
            case "setmycommands" -> setMyCommands(request);
            case "getmycommands" -> commands;
            case "answercallbackquery" -> answerCallbackQuery(request);
            case "sendmessage" -> sendMessage(request);
            case "editmessagetext" -> editMessageText(request);
            case "deletemessage" -> deleteMessage(request);
            case "sendchataction" -> sendChatAction(request);
            case "getchatmember" -> getChatMember(request);
            default -> throw new BotApiException(404, "Not Found");
        };
    }

    private final Map<Long, Set<Long>> admins = new ConcurrentHashMap<>();

    /** Makes {@code userId} an administrator of group {@code chatId} (everyone else there is a plain member). */
    void makeAdmin(long chatId, long userId) {
        admins.computeIfAbsent(chatId, id -> ConcurrentHashMap.newKeySet()).add(userId);
    }

    private JsonNode getChatMember(BotApiRequest request) throws BotApiException {
        long chatId = request.requiredLong("chat_id", "chat_id is empty");
        long userId = request.requiredLong("user_id", "user_id is empty");
        String status = chatId > 0
                ? (chatId == userId ? "creator" : "member")
                : admins.getOrDefault(chatId, Set.of()).contains(userId) ? "administrator" : "member";
        var member = json.mapper().createObjectNode().put("status", status);
        member.putObject("user").put("id", userId).put("is_bot", false).put("first_name", "user" + userId);
        return member;
    }

    private volatile String webhookUrl = "";

    /** Records the webhook (the double never posts to it: tests post updates to the bot themselves). */
    private JsonNode setWebhook(BotApiRequest request) throws BotApiException {
        String url = request.string("url").orElse("");
        if (!url.isEmpty() && !url.startsWith("https://")) {
            throw BotApiException.badRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }
        String secret = request.string("secret_token").orElse("");
        if (!secret.isEmpty() && !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw BotApiException.badRequest("bad webhook: secret token contains unallowed characters");
        }
        webhookUrl = url;
        return BooleanNode.TRUE;
    }

    String webhookUrl() {
        return webhookUrl;
    }

    private JsonNode getUpdates(BotApiRequest request) throws BotApiException, InterruptedException {
        if (!webhookUrl.isEmpty()) {
            throw new BotApiException(409, "Conflict: can't use getUpdates method while webhook is active; use "
                    + "deleteWebhook to delete the webhook first");
        }
        long offset = request.optionalLong("offset", 0);
        int limit = (int) Math.clamp(request.optionalLong("limit", 100), 1, 100);
        long timeout = request.optionalLong("timeout", 0);
        ArrayNode result = json.mapper().createArrayNode();
        result.addAll(updates.poll(offset, limit, UpdateQueue.seconds(timeout)));
        return result;
    }

    private JsonNode sendMessage(BotApiRequest request) throws BotApiException {
        long chatId = request.requiredLong("chat_id", "chat_id is empty");
        String text = request.string("text").orElse("");
        String parseMode = request.string("parse_mode").filter(mode -> !mode.isEmpty()).orElse(null);
        String plain = plainText(text, parseMode);
        String markup = replyMarkup(request);
        boolean silent = request.optionalBoolean("disable_notification", false);
        lock.lock();
        try {
            ChatState chat = reachableChat(chatId);
            acquire(chatId);
            int messageId = chat.nextMessageId++;
            chat.messages.put(messageId, new StoredMessage(plain, markup, true));
            record(new SentMessage(chatId, messageId, text, parseMode, clock.instant(), false, markup, silent));
            return json.message(chatId, messageId, json.bot(), plain, markup, clock.instant());
        } finally {
            lock.unlock();
        }
    }

    private JsonNode editMessageText(BotApiRequest request) throws BotApiException {
        if (request.string("inline_message_id").isPresent()) {
            throw BotApiException.badRequest("inline messages are not supported by the Bot API double");
        }
        long chatId = request.requiredLong("chat_id", "chat_id is empty");
        int messageId = (int) request.requiredLong("message_id", "message identifier is not specified");
        String text = request.string("text").orElse("");
        String parseMode = request.string("parse_mode").filter(mode -> !mode.isEmpty()).orElse(null);
        String plain = plainText(text, parseMode);
        String markup = replyMarkup(request);
        lock.lock();
        try {
            ChatState chat = reachableChat(chatId);
            StoredMessage old = chat.messages.get(messageId);
            if (old == null) {
                throw BotApiException.badRequest("message to edit not found");
            }
            if (!old.fromBot()) {
                throw BotApiException.badRequest("message can't be edited");
            }
            if (old.text().equals(plain) && sameJson(old.replyMarkup(), markup)) {
                throw BotApiException.badRequest("message is not modified: specified new message content and "
                        + "reply markup are exactly the same as a current content and reply markup of the message");
            }
            acquire(chatId);
            chat.messages.put(messageId, new StoredMessage(plain, markup, true));
            record(new SentMessage(chatId, messageId, text, parseMode, clock.instant(), true, markup, false));
            ObjectNode message = json.message(chatId, messageId, json.bot(), plain, markup, clock.instant());
            return message.put("edit_date", clock.instant().getEpochSecond());
        } finally {
            lock.unlock();
        }
    }

    private JsonNode deleteMessage(BotApiRequest request) throws BotApiException {
        long chatId = request.requiredLong("chat_id", "chat_id is empty");
        int messageId = (int) request.requiredLong("message_id", "message identifier is not specified");
        lock.lock();
        try {
            if (reachableChat(chatId).messages.remove(messageId) == null) {
                throw BotApiException.badRequest("message to delete not found");
            }
            return BooleanNode.TRUE;
        } finally {
            lock.unlock();
        }
    }

    private JsonNode sendChatAction(BotApiRequest request) throws BotApiException {
        long chatId = request.requiredLong("chat_id", "chat_id is empty");
        if (request.string("action").filter(action -> !action.isEmpty()).isEmpty()) {
            throw BotApiException.badRequest("wrong parameter action in request");
        }
        lock.lock();
        try {
            reachableChat(chatId);
            return BooleanNode.TRUE;
        } finally {
            lock.unlock();
        }
    }

    private JsonNode answerCallbackQuery(BotApiRequest request) throws BotApiException {
        String id = request.string("callback_query_id").orElse("");
        lock.lock();
        try {
            if (!openCallbackQueries.remove(id)) {
                throw BotApiException.badRequest(
                        "query is too old and response timeout expired or query ID is invalid");
            }
            return BooleanNode.TRUE;
        } finally {
            lock.unlock();
        }
    }

    private JsonNode setMyCommands(BotApiRequest request) throws BotApiException {
        String raw = request.rawJson("commands");
        if (raw == null) {
            throw BotApiException.badRequest("parameter \"commands\" is required");
        }
        JsonNode parsed = parseOrNull(raw);
        if (parsed == null || !parsed.isArray()) {
            throw BotApiException.badRequest("can't parse BotCommand array");
        }
        for (JsonNode command : parsed) {
            if (!command.path("command").asText().matches("[a-z0-9_]{1,32}")) {
                throw BotApiException.badRequest("BOT_COMMAND_INVALID");
            }
            int length = command.path("description").asText().length();
            if (length < 1 || length > 256) {
                throw BotApiException.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
        }
        commands = parsed;
        return BooleanNode.TRUE;
    }

    // ---- test side ----

    int userSends(long chatId, long userId, String text) {
        lock.lock();
        try {
            ChatState chat = chat(chatId);
            int messageId = chat.nextMessageId++;
            chat.messages.put(messageId, new StoredMessage(text, null, false));
            ObjectNode message = json.message(chatId, messageId, json.user(userId), text, null, clock.instant());
            updates.add(id -> json.update(id, "message", message));
            return messageId;
        } finally {
            lock.unlock();
        }
    }

    String userPresses(long chatId, long userId, int messageId, String data) {
        String queryId = Long.toString(callbackIds.incrementAndGet());
        lock.lock();
        try {
            StoredMessage stored = chat(chatId).messages.get(messageId);
            ObjectNode message = stored == null
                    ? json.message(chatId, messageId, json.bot(), "", null, clock.instant())
                    : json.message(chatId, messageId, stored.fromBot() ? json.bot() : json.user(userId),
                            stored.text(), stored.replyMarkup(), clock.instant());
            ObjectNode query = json.mapper().createObjectNode().put("id", queryId);
            query.set("from", json.user(userId));
            query.set("message", message);
            query.put("chat_instance", Long.toString(chatId * 31 + 7)).put("data", data);
            openCallbackQueries.add(queryId);
            updates.add(id -> json.update(id, "callback_query", query));
            return queryId;
        } finally {
            lock.unlock();
        }
    }

    void blockChat(long chatId, boolean blocked) {
        lock.lock();
        try {
            chat(chatId).blocked = blocked;
        } finally {
            lock.unlock();
        }
    }

    void migrateChat(long from, long to) {
        lock.lock();
        try {
            chat(from).migratedTo = to;
        } finally {
            lock.unlock();
        }
    }

    void privateChatInterval(Duration interval) {
        limits.privateChatInterval(interval);
    }

    List<SentMessage> sentMessages() {
        lock.lock();
        try {
            return List.copyOf(sent);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code chatId} has at least {@code n} sent messages; returns them (maybe fewer on timeout). */
    List<SentMessage> awaitMessages(long chatId, int n, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            List<SentMessage> found = messagesTo(chatId);
            while (found.size() < n && remaining > 0) {
                remaining = sentChanged.awaitNanos(remaining);
                found = messagesTo(chatId);
            }
            return found;
        } finally {
            lock.unlock();
        }
    }

    List<SentMessage> messagesTo(long chatId) {
        return sentMessages().stream().filter(message -> message.chatId() == chatId).toList();
    }

    int tooManyRequestsCount() {
        return tooManyRequests.get();
    }

    int requestCount(String method) {
        AtomicInteger count = requestCounts.get(method.toLowerCase(java.util.Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    int pendingUpdates() {
        return updates.pendingCount();
    }

    void close() {
        updates.close();
    }

    // ---- helpers ----

    private static String plainText(String text, String parseMode) throws BotApiException {
        String plain;
        if (parseMode == null || parseMode.equalsIgnoreCase("Markdown") || parseMode.equalsIgnoreCase("MarkdownV2")) {
            plain = text; // Markdown is accepted but not validated: chainwatch formats HTML only
        } else if (parseMode.equalsIgnoreCase("HTML")) {
            plain = text.isBlank() ? text : TelegramHtml.toPlainText(text);
        } else {
            throw BotApiException.badRequest("unsupported parse_mode");
        }
        if (plain.isBlank()) {
            throw BotApiException.badRequest("message text is empty");
        }
        if (plain.length() > MAX_TEXT_LENGTH) {
            throw BotApiException.badRequest("message is too long");
        }
        return plain;
    }

    private String replyMarkup(BotApiRequest request) throws BotApiException {
        String raw = request.rawJson("reply_markup");
        if (raw != null && !(parseOrNull(raw) instanceof ObjectNode)) {
            throw BotApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        return raw;
    }

    private ChatState reachableChat(long chatId) throws BotApiException {
        ChatState chat = chat(chatId);
        if (chat.migratedTo != null) {
            throw new BotApiException(400, "Bad Request: group chat was upgraded to a supergroup chat",
                    Map.of("migrate_to_chat_id", chat.migratedTo));
        }
        if (chat.blocked) {
            throw new BotApiException(403, chatId > 0
                    ? "Forbidden: bot was blocked by the user"
                    : "Forbidden: bot was kicked from the group chat");
        }
        return chat;
    }

    private void acquire(long chatId) throws BotApiException {
        try {
            limits.acquire(chatId);
        } catch (BotApiException e) {
            tooManyRequests.incrementAndGet();
            throw e;
        }
    }

    private void record(SentMessage message) {
        sent.add(message);
        sentChanged.signalAll();
    }

    private ChatState chat(long chatId) {
        return chats.computeIfAbsent(chatId, id -> new ChatState());
    }

    private boolean sameJson(String a, String b) {
        return a == null || b == null ? Objects.equals(a, b) : Objects.equals(parseOrNull(a), parseOrNull(b));
    }

    private JsonNode parseOrNull(String raw) {
        try {
            return json.mapper().readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    /** Guarded by the lock of {@link FakeTelegram}. */
    private static final class ChatState {
        private final Map<Integer, StoredMessage> messages = new HashMap<>();
        private int nextMessageId = 1;
        private boolean blocked;
        private Long migratedTo;
    }

    private record StoredMessage(String text, String replyMarkup, boolean fromBot) {
    }
}
