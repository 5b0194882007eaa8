package io.chainwatch.bot.telegram;

import java.net.URI;
import java.util.Locale;

import org.telegram.telegrambots.meta.TelegramUrl;

/** Turns {@code TELEGRAM_API_URL} into the telegrambots {@link TelegramUrl}. Stateless. */
final class TelegramUrls {

    private TelegramUrls() {
    }

    /** {@code http://127.0.0.1:8081} → (http, 127.0.0.1, 8081); a missing port is the scheme's default. */
    static TelegramUrl parse(String apiUrl) {
        URI uri = URI.create(apiUrl);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }
}
