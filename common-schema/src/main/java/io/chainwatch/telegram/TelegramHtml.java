package io.chainwatch.telegram;

/** Escaping for Telegram's {@code parse_mode=HTML}: the one place that decides how outside text is made safe. */
public final class TelegramHtml {

    private TelegramHtml() {
    }

    /**
     * Escapes {@code &}, {@code <}, {@code >} and {@code "} (the last so the text is safe inside an attribute too);
     * {@code null} becomes "".
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes {@code text} after cutting it to {@code max} characters (an ellipsis marks the cut). */
    public static String escape(String text, int max) {
        return escape(truncate(text, max));
    }

    /** {@code text} cut to at most {@code max} characters, ending in an ellipsis when cut; never splits a pair. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
