package io.chainwatch.bot.text;

import io.chainwatch.schema.Addresses;
import io.chainwatch.telegram.TelegramHtml;

/** Text for Telegram's {@code parse_mode=HTML}. Stateless. */
public final class Html {

    private Html() {
    }

    /** Escapes outside text for HTML mode; see {@link TelegramHtml#escape(String)}. */
    public static String escape(String text) {
        return TelegramHtml.escape(text);
    }

    /** User input safe to echo back: cleaned of control characters, cut to {@code maxCodePoints}, escaped. */
    public static String echo(String userText, int maxCodePoints) {
        String clean = Text.clean(userText);
        if (clean.codePointCount(0, clean.length()) > maxCodePoints) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, maxCodePoints)) + "…";
        }
        return escape(clean);
    }

    public static String code(String text) {
        return "<code>" + escape(text) + "</code>";
    }

    /** An address in {@code <code>}, EIP-55 checksummed as wallets show it; anything else (a hash) as it is. */
    public static String address(String value) {
        return code(Addresses.display(value));
    }

    public static String bold(String text) {
        return "<b>" + escape(text) + "</b>";
    }
}
