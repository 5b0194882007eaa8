package io.chainwatch.notifier.format;

import io.chainwatch.telegram.TelegramHtml;

/** Small helpers for Telegram HTML: escaping text we did not write and cutting it to a length. Stateless. */
final class Html {

    private Html() {
    }

    /** Escapes outside text for HTML mode; see {@link TelegramHtml#escape(String)}. */
    static String escape(String text) {
        return TelegramHtml.escape(text);
    }

    /** Escapes {@code text} after cutting it to {@code max} characters (an ellipsis marks the cut). */
    static String escape(String text, int max) {
        return TelegramHtml.escape(text, max);
    }

    /** {@code text} cut to at most {@code max} characters, ending in an ellipsis when cut; never splits a pair. */
    static String truncate(String text, int max) {
        return TelegramHtml.truncate(text, max);
    }

    /**
     * {@code 0xAbCd…12Ef}: enough of an address to recognise it; only used where the full one is not needed. Keeps the
     * case it is given, so a checksummed address stays checksummed.
     */
    static String shortAddress(String address) {
        if (address == null || address.length() <= 14) {
            return address;
        }
        return address.substring(0, 6) + "…" + address.substring(address.length() - 4);
    }
}
