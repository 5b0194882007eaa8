package io.chainwatch.bot;

/** Text for Telegram's {@code parse_mode=HTML}. Stateless. */
final class Html {

    private Html() {
    }

    /** Escapes the three characters Telegram's HTML mode reserves in text. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** User input safe to echo back: cleaned of control characters, cut to {@code maxCodePoints}, escaped. */
    static String echo(String userText, int maxCodePoints) {
        String clean = Text.clean(userText);
        if (clean.codePointCount(0, clean.length()) > maxCodePoints) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, maxCodePoints)) + "…";
        }
        return escape(clean);
    }

    static String code(String text) {
        return "<code>" + escape(text) + "</code>";
    }

    static String bold(String text) {
        return "<b>" + escape(text) + "</b>";
    }
}
