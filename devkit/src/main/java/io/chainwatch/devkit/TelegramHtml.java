package io.chainwatch.devkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates text with {@code parse_mode=HTML} the way Telegram does and returns the plain text Telegram would show.
 * <p>
 * Supported: the tags {@code b strong i em u ins s strike del a code pre tg-spoiler blockquote}, {@code span} only
 * with {@code class="tg-spoiler"} and {@code tg-emoji} only with an {@code emoji-id}; the entities {@code &lt; &gt;
 * &amp; &quot;} and numeric ones ({@code &#169;}, {@code &#x1F600;}). Anything else - another tag, a tag left open,
 * end tags in the wrong order, a bare {@code <} or an {@code &} that starts no supported entity - is rejected with
 * Telegram's {@code can't parse entities} reason, naming the UTF-8 byte offset as Telegram does.
 * <p>
 * Stateless and thread-safe.
 */
final class TelegramHtml {

    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a",
            "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji");

    private TelegramHtml() {
    }

    /** Returns the text without tags and with entities decoded, or throws the 400 Telegram would answer. */
    static String toPlainText(String html) throws BotApiException {
        StringBuilder text = new StringBuilder(html.length());
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<' && i + 1 < html.length() && html.charAt(i + 1) == '/') {
                i = endTag(html, i, open);
            } else if (c == '<') {
                i = startTag(html, i, open);
            } else if (c == '&') {
                i = entity(html, i, text);
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw cannotParse("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return text.toString();
    }

    private static int endTag(String html, int start, Deque<String> open) throws BotApiException {
        int close = html.indexOf('>', start);
        if (close < 0) {
            throw cannotParse("Can't find end of the tag at byte offset " + byteOffset(html, start));
        }
        String name = html.substring(start + 2, close).strip().toLowerCase(Locale.ROOT);
        if (open.isEmpty()) {
            throw cannotParse("Unexpected end tag at byte offset " + byteOffset(html, start));
        }
        if (!open.peek().equals(name)) {
            throw cannotParse("Unmatched end tag at byte offset " + byteOffset(html, start) + ", expected \"</"
                    + open.peek() + ">\", found \"</" + name + ">\"");
        }
        open.pop();
        return close + 1;
    }

    private static int startTag(String html, int start, Deque<String> open) throws BotApiException {
        int i = start + 1;
        while (i < html.length() && isNameChar(html.charAt(i))) {
            i++;
        }
        if (i == start + 1) {
            throw cannotParse("Unexpected end of name token at byte offset " + byteOffset(html, start + 1));
        }
        String name = html.substring(start + 1, i).toLowerCase(Locale.ROOT);
        Map<String, String> attributes = new HashMap<>();
        i = attributes(html, i, attributes);
        if (!isSupported(name, attributes)) {
            throw cannotParse("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(html, start));
        }
        open.push(name);
        return i;
    }

    /** Reads attributes up to and including the closing {@code >}; returns the index after it. */
    private static int attributes(String html, int from, Map<String, String> into) throws BotApiException {
        int i = from;
        while (true) {
            while (i < html.length() && (Character.isWhitespace(html.charAt(i)) || html.charAt(i) == '/')) {
                i++;
            }
            if (i >= html.length()) {
                throw cannotParse("Unclosed start tag at byte offset " + byteOffset(html, from));
            }
            if (html.charAt(i) == '>') {
                return i + 1;
            }
            int nameStart = i;
            while (i < html.length() && isNameChar(html.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw cannotParse("Expected equal sign in declaration of an attribute of the tag at byte offset "
                        + byteOffset(html, i));
            }
            String attribute = html.substring(nameStart, i).toLowerCase(Locale.ROOT);
            String value = "";
            if (i < html.length() && html.charAt(i) == '=') {
                i++;
                int valueStart = i;
                if (i < html.length() && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
                    int end = html.indexOf(html.charAt(i), i + 1);
                    if (end < 0) {
                        throw cannotParse("Unclosed attribute value at byte offset " + byteOffset(html, i));
                    }
                    value = html.substring(i + 1, end);
                    i = end + 1;
                } else {
                    while (i < html.length() && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
                        i++;
                    }
                    value = html.substring(valueStart, i);
                }
            }
            into.put(attribute, value);
        }
    }

    private static boolean isSupported(String name, Map<String, String> attributes) {
        return switch (name) {
            case "span" -> "tg-spoiler".equals(attributes.get("class"));
            case "tg-emoji" -> attributes.containsKey("emoji-id");
            default -> TAGS.contains(name);
        };
    }

    private static int entity(String html, int start, StringBuilder text) throws BotApiException {
        int semicolon = html.indexOf(';', start);
        String name = semicolon > start && semicolon - start <= 10 ? html.substring(start + 1, semicolon) : "";
        int codePoint = switch (name) {
            case "lt" -> '<';
            case "gt" -> '>';
            case "amp" -> '&';
            case "quot" -> '"';
            default -> numericEntity(name);
        };
        if (codePoint < 0) {
            throw cannotParse("Character '&' at byte offset " + byteOffset(html, start)
                    + " does not start a supported entity; write it as \"&amp;\"");
        }
        text.appendCodePoint(codePoint);
        return semicolon + 1;
    }

    private static int numericEntity(String name) {
        try {
            int value;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                value = Integer.parseInt(name.substring(2), 16);
            } else if (name.startsWith("#")) {
                value = Integer.parseInt(name.substring(1));
            } else {
                return -1;
            }
            return Character.isValidCodePoint(value) && value != 0 ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }

    private static int byteOffset(String html, int index) {
        return html.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }

    private static BotApiException cannotParse(String reason) {
        return BotApiException.badRequest("can't parse entities: " + reason);
    }
}
