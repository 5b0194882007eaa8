package io.chainwatch.bot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-side check of Telegram's HTML parse mode: only Telegram's tags, properly nested; {@code &} only as one of the
 * supported entities; no bare {@code <}. Returns the plain text Telegram would show, so its length can be checked
 * against the 4096-character limit.
 */
public final class TelegramHtmlCheck {

    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a",
            "code", "pre", "tg-spoiler", "blockquote");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z-]+)(\\s+href=\"[^\"<>]*\")?>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");

    private TelegramHtmlCheck() {
    }

    /** The visible text; throws AssertionError naming the problem when Telegram would reject {@code html}. */
    public static String plainText(String html) {
        StringBuilder text = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher m = TAG.matcher(html).region(i, html.length());
                if (!m.lookingAt() || !TAGS.contains(m.group(2))) {
                    throw new AssertionError("unsupported or malformed tag at " + i + " in: " + html);
                }
                if (m.group(1).isEmpty()) {
                    open.push(m.group(2));
                } else if (open.isEmpty() || !open.pop().equals(m.group(2))) {
                    throw new AssertionError("unmatched end tag at " + i + " in: " + html);
                }
                i = m.end();
            } else if (c == '&') {
                Matcher m = ENTITY.matcher(html).region(i, html.length());
                if (!m.lookingAt()) {
                    throw new AssertionError("bare & at " + i + " in: " + html);
                }
                text.append('x');
                i = m.end();
            } else if (c == '>') {
                throw new AssertionError("bare > at " + i + " in: " + html);
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new AssertionError("unclosed tag " + open.peek() + " in: " + html);
        }
        return text.toString();
    }
}
