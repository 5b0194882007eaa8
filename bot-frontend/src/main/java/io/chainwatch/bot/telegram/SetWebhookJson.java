package io.chainwatch.bot.telegram;

import java.util.List;

import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethodBoolean;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code setWebhook} sent as JSON. telegrambots' own {@code SetWebhook} always goes out as multipart (it may carry a
 * certificate); chainwatch never uploads one, and JSON is what every other method uses.
 */
final class SetWebhookJson extends BotApiMethodBoolean {

    @JsonProperty("url")
    private final String url;
    @JsonProperty("secret_token")
    private final String secretToken;
    @JsonProperty("allowed_updates")
    private final List<String> allowedUpdates;
    @JsonProperty("drop_pending_updates")
    private final boolean dropPendingUpdates = false;

    SetWebhookJson(String url, String secretToken, List<String> allowedUpdates) {
        this.url = url;
        this.secretToken = secretToken;
        this.allowedUpdates = List.copyOf(allowedUpdates);
    }

    @Override
    public String getMethod() {
        return "setWebhook";
    }

    @Override
    public void validate() {
        // validated at startup by BotSettings
    }

    @Override
    public String toString() {
        return "SetWebhookJson[url=" + io.chainwatch.config.ChainConfig.redact(url) + "]";
    }
}
