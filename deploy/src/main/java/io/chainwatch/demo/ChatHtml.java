package io.chainwatch.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the bot sent with {@code parse_mode=HTML} into HTML a browser may insert as is. The bot's text is
 * untrusted here (it quotes labels and addresses people typed), so nothing of the input's markup is copied: only
 * Telegram's own tags are recognised, and each is re-written from a fixed list with nothing but a checked
 * {@code href}; every other character is escaped, entities other than Telegram's become text, and tags left open are
 * closed. Plain text ({@code parse_mode} absent) is only escaped.
 * <p>
 * Stateless and thread-safe.
 */
final class ChatHtml {

    /** Telegram's tags and what the page shows for each (start tag, end tag). */
    private static final Map<String, String> TAGS = Map.ofEntries(Map.entry("b", "b"), Map.entry("strong", "b"),
            Map.entry("i", "i"), Map.entry("em", "i"), Map.entry("u", "u"), Map.entry("ins", "u"), Map.entry("s",
                    "s"),
            Map.entry("strike", "s"), Map.entry("del", "s"), Map.entry("code", "code"), Map.entry("pre", "pre"),
            Map.entry("blockquote", "blockquote"), Map.entry("tg-spoiler", "span"), Map.entry("span", "span"), Map
                    .entry("tg-emoji", "span"),
            Map.entry("a", "a"));
    private static final Pattern TAG = Pattern.compile(
            "<(/?)([a-zA-Z][a-zA-Z0-9-]*+)((?:\\s++[a-zA-Z][a-zA-Z0-9-]*+\\s*+=\\s*+"
                    + "(?:\"[^\"<>]*+\"|'[^'<>]*+'|[^\\s\"'<>]++))*+)\\s*+>");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z][a-zA-Z0-9-]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'<>]+))");
    private static final Pattern ENTITY = Pattern
            .compile("&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));");

    private ChatHtml() {
    }

    /** The safe HTML for a message of the bot, by its {@code parse_mode}. */
    static String render(String text, String parseMode) {
        return "HTML".equalsIgnoreCase(parseMode) ? fromTelegramHtml(text) : escape(text);
    }

    /** Escapes text for an HTML element or a quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> appendEscaped(out, c));
        return out.toString();
    }

    static String fromTelegramHtml(String html) {
        StringBuilder out = new StringBuilder(html.length() + 32);
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(html);
        Matcher entity = ENTITY.matcher(html);
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<' && tag.region(i, html.length()).lookingAt() && TAGS.containsKey(name(tag))) {
                if (tag.group(1).isEmpty()) {
                    String element = TAGS.get(name(tag));
                    out.append(startTag(name(tag), tag.group(3)));
                    open.push(element);
                } else {
                    closeUpTo(TAGS.get(name(tag)), open, out);
                }
                i = tag.end();
            } else if (c == '&' && entity.region(i, html.length()).lookingAt()) {
                appendEntity(entity, out);
                i = entity.end();
            } else {
                int codePoint = html.codePointAt(i);
                appendEscaped(out, codePoint);
                i += Character.charCount(codePoint);
            }
        }
        while (!open.isEmpty()) {
            out.append("</").append(open.pop()).append('>');
        }
        return out.toString();
    }

    private static String name(Matcher tag) {
        return tag.group(2).toLowerCase(Locale.ROOT);
    }

    private static String startTag(String name, String attributes) {
        return switch (name) {
            case "a" -> href(attributes).map(url -> "<a href=\"" + escape(url)
                    + "\" target=\"_blank\" rel=\"noopener noreferrer\">").orElse("<a>");
            case "tg-spoiler" -> "<span class=\"spoiler\">";
            case "span" -> attribute(attributes, "class").filter("tg-spoiler"::equals).isPresent()
                    ? "<span class=\"spoiler\">"
                    : "<span>";
            case "tg-emoji" -> "<span>";
            default -> "<" + TAGS.get(name) + ">";
        };
    }

    /** The link target if it is a web or Telegram link; anything else (javascript:, data:, ...) is dropped. */
    private static java.util.Optional<String> href(String attributes) {
        return attribute(attributes, "href").map(String::strip).filter(url -> {
            String lower = url.toLowerCase(Locale.ROOT);
            return (lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("tg://"))
                    && url.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f);
        });
    }

    private static java.util.Optional<String> attribute(String attributes, String wanted) {
        Matcher m = ATTRIBUTE.matcher(attributes == null ? "" : attributes);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(wanted)) {
                String raw = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                return java.util.Optional.of(decodeEntities(raw));
            }
        }
        return java.util.Optional.empty();
    }

    private static String decodeEntities(String raw) {
        Matcher m = ENTITY.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decoded(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decoded(Matcher entity) {
        if (entity.group(1) != null) {
            return switch (entity.group(1)) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                default -> "\"";
            };
        }
        int codePoint = entity.group(2) != null
                ? Integer.parseInt(entity.group(2))
                : Integer.parseInt(entity.group(3), 16);
        return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : "\uFFFD";
    }

    /** An end tag closes the innermost open element of its kind; one that matches nothing is dropped. */
    private static void closeUpTo(String element, Deque<String> open, StringBuilder out) {
        if (!open.contains(element)) {
            return;
        }
        String closed;
        do {
            closed = open.pop();
            out.append("</").append(closed).append('>');
        } while (!closed.equals(element));
    }

    private static void appendEntity(Matcher entity, StringBuilder out) {
        decoded(entity).codePoints().forEach(c -> appendEscaped(out, c));
    }

    private static void appendEscaped(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.appendCodePoint(codePoint);
        }
    }
}
