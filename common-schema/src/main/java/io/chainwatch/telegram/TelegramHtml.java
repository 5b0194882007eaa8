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
}
