package io.chainwatch.bot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
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

import io.chainwatch.config.ChainConfig;

/**
 * The Telegram side: long polling with telegrambots, one ordered lane per chat (hashing the chat id onto a few
 * single-thread executors, so one slow chat never holds up the others and one chat's commands stay in order), replies
 * in HTML, the command menu set at start, group admin checks through getChatMember (cached for a minute). Telegram's
 * own service messages also count: a group migrating to a supergroup moves its watches, and the bot being removed or
 * blocked removes them. A chat sending commands or pressing buttons faster than {@link CommandRateLimiter} allows is
 * told once to slow down and then ignored until it does (the handler decides; this class only sends). Thread-safe.
 */
final class TelegramFrontEnd implements AutoCloseable, GroupAdmins {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramFrontEnd.class);
    private static final int LANES = 8;
    private static final Duration ADMIN_CACHE_TTL = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    static final List<BotCommand> MENU = List.of(new BotCommand("watch", "Watch an address: /watch <chain> <address>"),
            new BotCommand("unwatch", "Stop watching an address"), new BotCommand("track",
                    "Track a transaction: /track <chain> <tx hash>"),
            new BotCommand("untrack",
                    "Stop tracking a transaction"),
            new BotCommand("list", "What this chat watches"),
            new BotCommand("settings", "Confirmations per chain"), new BotCommand("gas", "Gas fees now: /gas <chain>"),
            new BotCommand("status", "Blocks processed per chain"),
            new BotCommand("help", "How to use chainwatch"));

    private final String token;
    private final TelegramUrl url;
    private final Clock clock;
    private final TelegramClient client;
    private final ExecutorService[] lanes = new ExecutorService[LANES];
    private final Map<String, Instant> adminUntil = new ConcurrentHashMap<>();
    private volatile CommandHandler handler;
    private volatile WatchStore store;
    private volatile String botUsername;
    private TelegramBotsLongPollingApplication application;
    private BotSession session;
    private volatile boolean webhookSet;

    /** Kinds of updates the bot handles; Telegram sends no others. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "my_chat_member");

    TelegramFrontEnd(String token, String apiUrl, Clock clock) {
        this.token = token;
        this.url = TelegramUrls.parse(apiUrl);
        this.clock = clock;
        this.client = new OkHttpTelegramClient(token, url);
        for (int i = 0; i < LANES; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("chainwatch-bot-chat-" + i).daemon()
                    .factory());
        }
    }

    /**
     * Learns the bot's name, sets the command menu and starts long polling, or, with a webhook, tells Telegram where
     * to post updates (they then arrive through {@link #dispatch(Update)}).
     */
    synchronized void start(CommandHandler handler, WatchStore store, Optional<BotSettings.Webhook> webhook) {
        this.handler = handler;
        this.store = store;
        try {
            User me = client.execute(new GetMe());
            botUsername = me.getUserName();
            LOG.info("Telegram bot @{} talks to the Bot API at {}://{}:{} ({})", botUsername, url.getSchema(), url
                    .getHost(), url.getPort(), webhook.isPresent() ? "webhook" : "long polling");
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("Cannot ask Telegram who this bot is (commands addressed to any @bot are accepted): {}", BotErrors
                    .describe(e));
        }
        try {
            client.execute(new SetMyCommands(MENU));
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("Cannot set the command menu: {}", BotErrors.describe(e));
        }
        if (webhook.isPresent()) {
            setWebhook(webhook.get());
            return;
        }
        try {
            application = new TelegramBotsLongPollingApplication();
            session = application.registerBot(token, () -> url, new DefaultGetUpdatesGenerator(), this::consume);
        } catch (TelegramApiException e) {
            throw new IllegalStateException("cannot start Telegram long polling: " + BotErrors.describe(e));
        }
    }

    private void setWebhook(BotSettings.Webhook webhook) {
        try {
            client.execute(new SetWebhookJson(webhook.url(), webhook.secret(), ALLOWED_UPDATES));
            webhookSet = true;
            LOG.info("Telegram bot @{} receives updates by webhook at {}", botUsername, ChainConfig.redact(webhook
                    .url()));
        } catch (TelegramApiException | RuntimeException e) {
            LOG.error("Cannot set the webhook (health is DOWN until a restart sets it): {}", BotErrors.describe(e));
        }
    }

    /** Whether updates arrive: long polling runs, or Telegram accepted the webhook. */
    boolean isReceiving() {
        BotSession s = session;
        return webhookSet || (s != null && s.isRunning());
    }

    /** One update from the webhook, into the same per-chat lanes as long polling. */
    void dispatch(Update update) {
        consume(List.of(update));
    }

    private void consume(List<Update> updates) {
        for (Update update : updates) {
            long chatId = chatIdOf(update);
            lanes[Math.floorMod(Long.hashCode(chatId), LANES)].execute(() -> handleSafely(update));
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
            if (handler.handle(in, botUsername) instanceof Response.Reply reply) {
                send(in.chatId(), reply);
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
                    execute(EditMessageText.builder().chatId(Long.toString(in.chatId())).messageId(message
                            .getMessageId()).text(reply.html()).parseMode("HTML").linkPreviewOptions(noPreview())
                            .replyMarkup(keyboard(reply)).build());
                }
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

    private void send(long chatId, Response.Reply reply) {
        execute(SendMessage.builder().chatId(Long.toString(chatId)).text(reply.html()).parseMode("HTML")
                .linkPreviewOptions(noPreview()).replyMarkup(keyboard(reply)).build());
    }

    /** Executes a method, waiting out one 429; other failures are logged, never thrown. */
    private void execute(BotApiMethod<?> method) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                client.execute(method);
                return;
            } catch (TelegramApiRequestException e) {
                Integer retryAfter = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                if (e.getErrorCode() != null && e.getErrorCode() == 429 && retryAfter != null && attempt == 0) {
                    sleep(Duration.ofSeconds(Math.min(retryAfter, MAX_RETRY_AFTER.toSeconds())));
                    continue;
                }
                if (e.getApiResponse() == null || !e.getApiResponse().contains("message is not modified")) {
                    LOG.warn("Telegram refused {}: {}", method.getMethod(), BotErrors.describe(e));
                }
                return;
            } catch (TelegramApiException | RuntimeException e) {
                LOG.warn("Cannot call Telegram {}: {}", method.getMethod(), BotErrors.describe(e));
                return;
            }
        }
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (application != null) {
                application.close();
            }
        } catch (Exception e) {
            LOG.warn("Closing long polling failed: {}", BotErrors.describe(e));
        }
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
