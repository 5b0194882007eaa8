package io.chainwatch.schema;

import java.util.Locale;

/** Case folding of the hex strings (addresses, hashes) that key subscriptions and alerts. */
public final class Ascii {

    private Ascii() {
    }

    /**
     * {@code value} in lower case, as {@link String#toLowerCase(Locale) toLowerCase(Locale.ROOT)} gives it, but
     * returning the same string without a table lookup per character when it is plain ASCII with no capital: the
     * common case for addresses and hashes, which the ingestor already writes in lower case. {@code null} stays null.
     */
    public static String lower(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7f) {
                return value.toLowerCase(Locale.ROOT);
            }
        }
        return value;
    }
}
