package io.chainwatch.bot.app;

import io.chainwatch.bot.BotService;
import io.chainwatch.bot.telegram.WebhookOutcome;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /telegram/webhook}: Telegram's updates in webhook mode, on the service's HTTP port (8084 on its own,
 * the standalone port in {@code ./chainwatch up}). Only the HTTP side lives here: the secret check, the idempotency
 * per {@code update_id} and the hand-over to the command pipeline are {@link BotService#webhook(String, String)}.
 * Answers 200 (handled or already handled), 403 (wrong or missing secret header), 400, 503 (Postgres down: Telegram
 * retries) or 404 (long polling mode).
 */
@Controller("/telegram")
public class TelegramWebhookController {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final BeanProvider<BotService> service;

    public TelegramWebhookController(BeanProvider<BotService> service) {
        this.service = service;
    }

    @Post(uri = "/webhook", processes = MediaType.ALL)
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> update(@Nullable @Header(SECRET_HEADER) String secret, @Nullable @Body String body) {
        WebhookOutcome outcome = service.isPresent()
                ? service.get().webhook(secret, body)
                : new WebhookOutcome.NotEnabled();
        return HttpResponse.<String>status(HttpStatus.valueOf(outcome.httpStatus()))
                .body(outcome instanceof WebhookOutcome.Malformed m ? m.reason() : "");
    }
}
