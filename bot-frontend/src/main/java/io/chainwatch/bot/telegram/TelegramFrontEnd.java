package io.chainwatch.bot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.TelegramOkHttpClientFactory;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.bot.command.CommandHandler;
import io.chainwatch.bot.command.CommandTable;
import io.chainwatch.bot.command.GroupAdmins;
import io.chainwatch.bot.command.Incoming;
import io.chainwatch.bot.command.Response;
import io.chainwatch.bot.store.BotErrors;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.bot.track.Tracker;
import io.chainwatch.config.ChainConfig;

import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The Telegram side: long polling with telegrambots, one ordered lane per chat (hashing the chat id onto a few
 * single-thread executors, so one slow chat never holds up the others and one chat's commands stay in order), replies
 * in HTML, the command menu set at start, group admin checks through getChatMember (cached for a minute). Telegram's
 * own service messages also count: a group migrating to a supergroup moves its watches, and the bot being removed or
 * blocked removes them. A chat sending commands or pressing buttons faster than
 * {@link io.chainwatch.bot.command.CommandRateLimiter} allows is told once to slow down and then ignored until it does
 * (the handler decides; this class only sends). Replies are paced per chat within Telegram's limits
 * ({@link ReplySchedule}) without holding up other chats. Thread-safe.
 */
public final class TelegramFrontEnd implements AutoCloseable, GroupAdmins {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramFrontEnd.class);
    private static final int LANES = 8;
    private static final Duration ADMIN_CACHE_TTL = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /** The command menu Telegram shows, as {@link CommandTable} describes it. */
    static final List<BotCommand> MENU = CommandTable.menu().stream().map(c -> new BotCommand(c.command(), c
            .menuDescription())).toList();

    private final String token;
    private final TelegramUrl url;
    private final Clock clock;
    private final TelegramClient client;
    /** Runs the Bot API calls of {@link #client} (telegrambots sends through OkHttp's asynchronous dispatcher). */
    private final ExecutorService http;
    private final ExecutorService[] lanes = new ExecutorService[LANES];
    private final ReplySchedule schedule = new ReplySchedule(ReplySchedule.DEFAULT_MAX_CHATS, System::nanoTime);
    /** Holds paced replies until their slot, then hands them to their chat's lane. */
    private final ScheduledExecutorService replyTimer;
    private ScheduledExecutorService poller;
    private OkHttpClient pollingHttp;
    private final Map<String, Instant> adminUntil = new ConcurrentHashMap<>();
    private volatile CommandHandler handler;
    private volatile WatchStore store;
    private volatile String botUsername;
    private TelegramBotsLongPollingApplication application;
    private BotSession session;
    private volatile boolean webhookSet;

    /** Kinds of updates the bot handles; Telegram sends no others. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "my_chat_member");

    public TelegramFrontEnd(String token, String apiUrl, Clock clock) {
        this.token = token;
        this.url = TelegramUrls.parse(apiUrl);
        this.clock = clock;
        this.http = Executors.newCachedThreadPool(Thread.ofPlatform().name("chainwatch-bot-http-", 0).daemon()
                .factory());
        this.client = new OkHttpTelegramClient(new OkHttpClient.Builder().dispatcher(new Dispatcher(http)).build(),
                token, url);
        this.replyTimer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(
                "chainwatch-bot-reply-timer").daemon().factory());
        for (int i = 0; i < LANES; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("chainwatch-bot-chat-" + i).daemon()
                    .factory());
        }
    }

    /**
     * Learns the bot's name, sets the command menu and starts long polling, or, with a webhook, tells Telegram where
     * to post updates (they then arrive through {@link #dispatch(Update)}).
     *
     * @param webhookUrl where Telegram posts updates, empty for long polling
     * @param webhookSecret what Telegram sends along with each posted update; unused for long polling
     */
    public synchronized void start(CommandHandler handler, WatchStore store, Optional<String> webhookUrl,
            String webhookSecret) {
        this.handler = handler;
        this.store = store;
        try {
            User me = client.execute(new GetMe());
            botUsername = me.getUserName();
            LOG.info("Telegram bot @{} talks to the Bot API at {}://{}:{} ({})", botUsername, url.getSchema(), url
                    .getHost(), url.getPort(), webhookUrl.isPresent() ? "webhook" : "long polling");
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("Cannot ask Telegram who this bot is (commands addressed to any @bot are accepted): {}", BotErrors
                    .describe(e));
        }
        try {
            client.execute(new SetMyCommands(MENU));
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("Cannot set the command menu: {}", BotErrors.describe(e));
        }
        if (webhookUrl.isPresent()) {
            setWebhook(webhookUrl.get(), webhookSecret);
            return;
        }
        try {
            // our own poller thread and HTTP client, so close() can stop both: the library's defaults are a
            // non-daemon executor it never shuts down and a client whose long poll runs on after the session stops
            poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chainwatch-bot-getupdates")
                    .factory());
            pollingHttp = new TelegramOkHttpClientFactory.DefaultOkHttpClientCreator().get();
            OkHttpClient pollingClient = pollingHttp;
            ScheduledExecutorService pollerExecutor = poller;
            application = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollingClient,
                    () -> pollerExecutor);
            session = application.registerBot(token, () -> url, new DefaultGetUpdatesGenerator(), this::consume);
        } catch (TelegramApiException e) {
            throw new IllegalStateException("cannot start Telegram long polling: " + BotErrors.describe(e));
        }
    }

    private void setWebhook(String webhookUrl, String secret) {
        try {
            client.execute(new SetWebhookJson(webhookUrl, secret, ALLOWED_UPDATES));
            webhookSet = true;
            LOG.info("Telegram bot @{} receives updates by webhook at {}", botUsername, ChainConfig.redact(
                    webhookUrl));
        } catch (TelegramApiException | RuntimeException e) {
            LOG.error("Cannot set the webhook (health is DOWN until a restart sets it): {}", BotErrors.describe(e));
        }
    }

    /** Whether updates arrive: long polling runs, or Telegram accepted the webhook. */
    public boolean isReceiving() {
        BotSession s = session;
        return webhookSet || (s != null && s.isRunning());
    }

    /** One update from the webhook, into the same per-chat lanes as long polling. */
    public void dispatch(Update update) {
        consume(List.of(update));
    }

    private void consume(List<Update> updates) {
        for (Update update : updates) {
            long chatId = chatIdOf(update);
            lane(chatId).execute(() -> handleSafely(update));
        }
    }

    private void handleSafely(Update update) {
        try {
            handle(update);
        } catch (RuntimeException e) {
            LOG.error("Update {} failed: {}", update.getUpdateId(), BotErrors.describe(e));
        }
    }

    private void handle(Update update) {
        if (update.hasMessage()) {
            Message message = update.getMessage();
            if (message.getMigrateToChatId() != null) {
                store.migrateChat(message.getChatId(), message.getMigrateToChatId());
                return;
            }
            if (!message.hasText()) {
                return;
            }
            Incoming in = incoming(message, message.getFrom());
            switch (handler.handle(in, botUsername)) {
                case Response.Reply reply -> paced(in.chatId(), SendMessage.builder().chatId(Long.toString(in
                        .chatId())).text(reply.html()).parseMode("HTML").linkPreviewOptions(noPreview()).replyMarkup(
                                keyboard(reply))
                        .build(), sent -> {
                        });
                case Response.Tracking tracking -> paced(in.chatId(), SendMessage.builder().chatId(Long.toString(in
                        .chatId())).text(tracking.html()).parseMode("HTML").linkPreviewOptions(noPreview()).build(),
                        sent -> tracking.answered().accept(((Message) sent).getMessageId()));
                case Response.Notice notice -> {
                    // only button presses get notices
                }
                case Response.Ignore ignore -> {
                    // not for this bot, or a chat that was asked to slow down
                }
            }
        } else if (update.hasCallbackQuery()) {
            CallbackQuery query = update.getCallbackQuery();
            if (query.getMessage() == null) {
                return;
            }
            var message = query.getMessage();
            Incoming in = new Incoming(message.getChatId(), message.getChat().getType(), query.getFrom().getId(),
                    false, null);
            switch (handler.handleCallback(in, query.getData())) {
                case Response.Reply reply -> {
                    execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text(reply.toast()).build());
                    paced(in.chatId(), EditMessageText.builder().chatId(Long.toString(in.chatId())).messageId(message
                            .getMessageId()).text(reply.html()).parseMode("HTML").linkPreviewOptions(noPreview())
                            .replyMarkup(keyboard(reply)).build(), sent -> {
                            });
                }
                case Response.Tracking tracking -> throw new IllegalStateException("a button never tracks");
                case Response.Notice notice -> execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId())
                        .text(notice.text()).build());
                case Response.Ignore ignore -> {
                    // told to slow down already: no call at all (the client's spinner times out)
                }
            }
        } else if (update.hasMyChatMember()) {
            ChatMemberUpdated change = update.getMyChatMember();
            String status = change.getNewChatMember().getStatus();
            if ("kicked".equals(status) || "left".equals(status)) {
                int removed = store.deactivateChat(change.getChat().getId(), clock.millis(), status);
                LOG.info("Bot {} from chat {}: {} watches removed", status, change.getChat().getId(), removed);
            }
        }
    }

    private static Incoming incoming(Message message, User from) {
        boolean senderIsChat = message.getSenderChat() != null && message.getSenderChat().getId().equals(message
                .getChatId());
        return new Incoming(message.getChatId(), message.getChat().getType(), from == null ? 0 : from.getId(),
                senderIsChat, message.getText());
    }

    /**
     * Sends a message or an edit to {@code chatId} in its slot ({@link ReplySchedule}): at once when the chat has had
     * nothing for a while, otherwise from the timer through the chat's lane, so the lane is free for other chats
     * meanwhile and the chat's replies keep their order. A 429 (another sender, such as the notifier, used the chat's
     * budget) pushes the chat's slots back and retries once when Telegram says.
     */
    private void paced(long chatId, BotApiMethod<?> method, Consumer<Object> sent) {
        long delay = schedule.reserve(chatId);
        if (delay == 0) {
            sendNow(chatId, method, true, sent);
        } else {
            later(chatId, method, delay, true, sent);
        }
    }

    private void later(long chatId, BotApiMethod<?> method, long delayNanos, boolean mayRetry,
            Consumer<Object> sent) {
        try {
            replyTimer.schedule(() -> lane(chatId).execute(() -> sendNow(chatId, method, mayRetry, sent)),
                    delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Closing: reply to chat {} not sent", chatId);
        }
    }

    private void sendNow(long chatId, BotApiMethod<?> method, boolean mayRetry, Consumer<Object> sent) {
        awaitGlobalSlot();
        Outcome outcome = execute(method);
        switch (outcome) {
            case Outcome.Done done -> {
                try {
                    sent.accept(done.result());
                } catch (RuntimeException e) {
                    LOG.warn("After {} to chat {}: {}", method.getMethod(), chatId, BotErrors.describe(e));
                }
            }
            case Outcome.RetryAfter retry when mayRetry -> {
                schedule.defer(chatId, retry.after());
                later(chatId, method, retry.after().toNanos(), false, sent);
            }
            case Outcome.RetryAfter retry -> LOG.warn("Telegram refused {} to chat {} twice with 429; dropped", method
                    .getMethod(), chatId);
            case Outcome.NotEditable n -> LOG.debug("Message to edit in chat {} is gone", chatId);
            case Outcome.Failed f -> {
                // logged by execute
            }
        }
    }

    private void awaitGlobalSlot() {
        long globalWait = schedule.reserveGlobal();
        if (globalWait > 0) {
            LockSupport.parkNanos(globalWait); // a few ms: the bot-wide pace is shared by every chat
        }
    }

    /** What became of one Bot API call, as the bot acts on it. */
    private sealed interface Outcome {
        /** Done; for an edit that changed nothing because the text was already so, too. */
        record Done(Object result) implements Outcome {
        }

        /** 429: Telegram's {@code retry_after}. */
        record RetryAfter(Duration after) implements Outcome {
        }

        /** The message to edit is gone or too old. */
        record NotEditable() implements Outcome {
        }

        record Failed() implements Outcome {
        }
    }

    /** Executes a method and classifies what Telegram answered. Never throws. */
    private Outcome execute(BotApiMethod<?> method) {
        try {
            Object result = client.execute(method);
            return new Outcome.Done(result);
        } catch (TelegramApiRequestException e) {
            Integer retryAfter = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            if (e.getErrorCode() != null && e.getErrorCode() == 429 && retryAfter != null) {
                return new Outcome.RetryAfter(Duration.ofSeconds(Math.min(Math.max(1, retryAfter), MAX_RETRY_AFTER
                        .toSeconds())));
            }
            String answer = e.getApiResponse() == null ? "" : e.getApiResponse().toLowerCase(Locale.ROOT);
            if (answer.contains("message is not modified")) {
                return new Outcome.Done(null); // an earlier attempt made this edit
            }
            if (answer.contains("message to edit not found") || answer.contains("message can't be edited")) {
                return new Outcome.NotEditable();
            }
            LOG.warn("Telegram refused {}: {}", method.getMethod(), BotErrors.describe(e));
            return new Outcome.Failed();
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("Cannot call Telegram {}: {}", method.getMethod(), BotErrors.describe(e));
            return new Outcome.Failed();
        }
    }

    /**
     * The tracker's edits and messages ({@link Tracker.Messages}): paced in the chat's slots like replies, and
     * answered to the caller, which waits (it runs on a virtual thread of its own).
     */
    public Tracker.Messages trackerMessages() {
        return new Tracker.Messages() {
            @Override
            public Edit edit(long chatId, long messageId, String html) {
                return switch (inSlot(chatId, EditMessageText.builder().chatId(Long.toString(chatId)).messageId(
                        Math.toIntExact(messageId)).text(html).parseMode("HTML").linkPreviewOptions(noPreview())
                        .build())) {
                    case Outcome.Done done -> Edit.EDITED;
                    case Outcome.NotEditable gone -> Edit.NOT_EDITABLE;
                    default -> Edit.FAILED;
                };
            }

            @Override
            public OptionalLong send(long chatId, String html) {
                return inSlot(chatId, SendMessage.builder().chatId(Long.toString(chatId)).text(html).parseMode("HTML")
                        .linkPreviewOptions(noPreview()).build()) instanceof Outcome.Done(Message message)
                                ? OptionalLong.of(message.getMessageId())
                                : OptionalLong.empty();
            }
        };
    }

    /** Waits for the chat's next slot and the bot-wide pace, then calls; a 429 pushes the chat's slots back. */
    private Outcome inSlot(long chatId, BotApiMethod<?> method) {
        LockSupport.parkNanos(schedule.reserve(chatId));
        awaitGlobalSlot();
        Outcome outcome = execute(method);
        if (outcome instanceof Outcome.RetryAfter retry) {
            schedule.defer(chatId, retry.after());
        }
        return outcome;
    }

    private ExecutorService lane(long chatId) {
        return lanes[Math.floorMod(Long.hashCode(chatId), LANES)];
    }

    @Override
    public boolean isAdmin(long chatId, long userId) {
        String key = chatId + ":" + userId;
        Instant until = adminUntil.get(key);
        if (until != null && until.isAfter(clock.instant())) {
            return true;
        }
        try {
            String status = client.execute(new GetChatMember(Long.toString(chatId), userId)).getStatus();
            boolean admin = "creator".equals(status) || "administrator".equals(status);
            if (admin) {
                if (adminUntil.size() > 10_000) {
                    adminUntil.clear();
                }
                adminUntil.put(key, clock.instant().plus(ADMIN_CACHE_TTL));
            }
            return admin;
        } catch (TelegramApiException e) {
            throw new IllegalStateException("getChatMember failed: " + BotErrors.describe(e));
        }
    }

    private static InlineKeyboardMarkup keyboard(Response.Reply reply) {
        if (reply.keyboard().isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (List<Response.Button> row : reply.keyboard()) {
            rows.add(new InlineKeyboardRow(row.stream().map(b -> InlineKeyboardButton.builder().text(b.text())
                    .callbackData(b.callbackData()).build()).toList()));
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    private static LinkPreviewOptions noPreview() {
        return LinkPreviewOptions.builder().isDisabled(true).build();
    }

    private static long chatIdOf(Update update) {
        if (update.hasMessage()) {
            return update.getMessage().getChatId();
        }
        if (update.hasCallbackQuery() && update.getCallbackQuery().getMessage() != null) {
            return update.getCallbackQuery().getMessage().getChatId();
        }
        if (update.hasMyChatMember()) {
            return update.getMyChatMember().getChat().getId();
        }
        return 0;
    }

    /**
     * Stops long polling (cancelling the poll in flight), then the lanes, the timer and the HTTP threads; replies still
     * waiting for their slot are dropped. Returns within a few seconds and leaves no thread of ours running.
     */
    @Override
    public synchronized void close() {
        try {
            if (application != null) {
                application.close();
            }
        } catch (Exception e) {
            LOG.warn("Closing long polling failed: {}", BotErrors.describe(e));
        }
        if (pollingHttp != null) {
            pollingHttp.dispatcher().cancelAll(); // the running getUpdates would otherwise hold its thread ~50 s
            pollingHttp.connectionPool().evictAll();
        }
        shutDown(poller);
        int dropped = replyTimer.shutdownNow().size();
        if (dropped > 0) {
            LOG.info("Closing: {} paced replies not sent", dropped);
        }
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            awaitQuietly(lane);
        }
        http.shutdown();
        awaitQuietly(http);
    }

    private static void shutDown(ExecutorService executor) {
        if (executor != null) {
            executor.shutdownNow();
            awaitQuietly(executor);
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("A bot thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
