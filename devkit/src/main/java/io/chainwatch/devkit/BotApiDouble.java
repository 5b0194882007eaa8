package io.chainwatch.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A strict local stand-in for the Telegram Bot API: point {@code TELEGRAM_API_URL} at {@link #baseUrl()} and the
 * bot talks to it as to Telegram ({@code POST /bot<token>/<method>}, JSON or form-encoded parameters, Telegram's
 * answer envelope and error texts).
 * <p>
 * It serves {@code getMe, getUpdates} (long polling, offset confirmation, 409 for a second concurrent poller),
 * {@code setWebhook} (recorded, never posted to), {@code deleteWebhook, getWebhookInfo, setMyCommands, getMyCommands, answerCallbackQuery, sendMessage,
 * editMessageText, deleteMessage, sendChatAction}; any other method is 404. It enforces what Telegram enforces:
 * a wrong token is 401; text must be 1..{@value FakeTelegram#MAX_TEXT_LENGTH} characters (UTF-16 units, after HTML
 * parsing); {@code parse_mode=HTML} must be valid Telegram HTML ({@link TelegramHtml}); the flood limits of
 * {@link TelegramRateLimits} (30/s per bot, 1/s per private chat, 20/min per group; edits count) answer 429 with
 * {@code retry_after}; a blocked chat is 403 and a migrated group 400 with {@code migrate_to_chat_id}. A refused
 * message is never delivered and never recorded.
 * <p>
 * Deliberate differences from Telegram: when two {@code getUpdates} calls overlap the <em>second</em> gets 409
 * (Telegram terminates the first), so a test sees the conflict at once; Markdown is accepted without validation.
 * <p>
 * Thread-safe: every method may be called from any thread while requests are served on virtual threads.
 */
public final class BotApiDouble implements AutoCloseable {

    /** The bot's username in {@code getMe}. */
    public static final String BOT_USERNAME = TelegramJson.BOT_USERNAME;

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final FakeTelegram telegram;
    private final FaultInjector faults;

    private BotApiDouble(String token, HttpServer server, ExecutorService executor, FakeTelegram telegram,
            FaultInjector faults) {
        this.token = token;
        this.server = server;
        this.executor = executor;
        this.telegram = telegram;
        this.faults = faults;
    }

    /** Starts on a free port of 127.0.0.1, accepting only {@code token} (format {@code <bot id>:<secret>}). */
    public static BotApiDouble start(String token) {
        return start(token, 0);
    }

    /** Starts on {@code port} of 127.0.0.1 (0 picks a free one), accepting only {@code token}. */
    public static BotApiDouble start(String token, int port) {
        ObjectMapper json = new ObjectMapper();
        FakeTelegram telegram = new FakeTelegram(new TelegramJson(json, botId(token)), Clock.systemUTC());
        FaultInjector faults = new FaultInjector();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.createContext("/", new BotApiHttpHandler(json, token, telegram, faults));
            server.setExecutor(executor);
            server.start();
            return new BotApiDouble(token, server, executor, telegram, faults);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the Bot API double on port " + port, e);
        }
    }

    private static long botId(String token) {
        int colon = token.indexOf(':');
        try {
            return Long.parseLong(colon < 0 ? token : token.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a bot token looks like 123456:secret, got a malformed one", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, the value for {@code TELEGRAM_API_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The one token this double accepts. */
    public String token() {
        return token;
    }

    // ---- what users do ----

    /** The user {@code chatId} writes {@code text} in their private chat; returns the message id. */
    public int userSends(long chatId, String text) {
        return telegram.userSends(chatId, chatId, text);
    }

    /** User {@code userId} writes {@code text} in group {@code groupChatId} (negative); returns the message id. */
    public int userSendsInGroup(long groupChatId, long userId, String text) {
        return telegram.userSends(groupChatId, userId, text);
    }

    /** The user of private chat {@code chatId} presses an inline button; returns the callback query id. */
    public String userPresses(long chatId, int messageId, String callbackData) {
        return telegram.userPresses(chatId, chatId, messageId, callbackData);
    }

    /** User {@code userId} presses an inline button in chat {@code chatId}; returns the callback query id. */
    public String userPresses(long chatId, long userId, int messageId, String callbackData) {
        return telegram.userPresses(chatId, userId, messageId, callbackData);
    }

    // ---- what the bot did ----

    /** Every accepted {@code sendMessage} and {@code editMessageText}, in arrival order (an immutable copy). */
    public List<SentMessage> sentMessages() {
        return telegram.sentMessages();
    }

    /** The accepted sends and edits to one chat, in arrival order. */
    public List<SentMessage> messagesTo(long chatId) {
        return telegram.messagesTo(chatId);
    }

    /**
     * Waits up to {@code timeout} until {@code chatId} has received at least {@code n} messages (edits included);
     * returns what it has then, which may be fewer.
     */
    public List<SentMessage> awaitMessages(long chatId, int n, Duration timeout) {
        try {
            return telegram.awaitMessages(chatId, n, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return messagesTo(chatId);
        }
    }

    /** How many 429 answers the flood limits caused (injected failures are not counted); tests expect 0. */
    public int tooManyRequestsCount() {
        return telegram.tooManyRequestsCount();
    }

    /** How many calls of a Bot API method arrived with the right token, failed ones included. */
    /** Makes {@code userId} an administrator of group {@code chatId}; other members answer getChatMember as "member". */
    public void makeAdmin(long chatId, long userId) {
        telegram.makeAdmin(chatId, userId);
    }

    /** How many calls of {@code method} arrived (method names match case-insensitively, as on Telegram). */
    public int requestCount(String method) {
        return telegram.requestCount(method);
    }

    /** The URL the bot set with {@code setWebhook}, empty when none (long polling). */
    public String webhookUrl() {
        return telegram.webhookUrl();
    }

    /** Updates not yet confirmed by a {@code getUpdates} offset. */
    public int pendingUpdates() {
        return telegram.pendingUpdates();
    }

    // ---- faults and settings ----

    /** The next {@code count} Bot API calls fail with {@code httpStatus} (500, 502, ...) and do nothing. */
    public void failNext(int count, int httpStatus) {
        faults.failNext(count, httpStatus);
    }

    /** The user blocked the bot (or the bot was removed from the group): sends to the chat get 403. */
    public void blockChat(long chatId) {
        telegram.blockChat(chatId, true);
    }

    public void unblockChat(long chatId) {
        telegram.blockChat(chatId, false);
    }

    /** Group {@code from} became supergroup {@code to}: sends to {@code from} get 400 with migrate_to_chat_id. */
    public void migrateChat(long from, long to) {
        telegram.migrateChat(from, to);
    }

    /** Telegram goes down: Bot API calls hang until {@link #resume()} and are then answered 502, not executed. */
    public void pause() {
        faults.pause();
    }

    public void resume() {
        faults.resume();
    }

    /** The minimum gap between two messages to one private chat (default 1 s, minus 5% leniency). */
    public void privateChatInterval(Duration interval) {
        telegram.privateChatInterval(interval);
    }

    /** Stops serving; hanging polls and paused calls are released first. */
    @Override
    public void close() {
        faults.close();
        telegram.close();
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * A message the bot sent ({@code edit == false}) or an edit of one ({@code edit == true}).
     *
     * @param chatId
     *            the chat
     * @param messageId
     *            the message id in that chat (for an edit, the edited message)
     * @param text
     *            the text exactly as the bot sent it (HTML tags and entities included)
     * @param parseMode
     *            {@code HTML}, {@code MarkdownV2}, ... or null
     * @param at
     *            when the double accepted it
     * @param edit
     *            whether this was an {@code editMessageText}
     * @param replyMarkup
     *            the reply markup as raw JSON, or null
     * @param silent
     *            sent with {@code disable_notification=true} (always false for an edit, which never notifies)
     */
    public record SentMessage(long chatId, int messageId, String text, String parseMode, Instant at, boolean edit,
            String replyMarkup, boolean silent) {
    }
}
