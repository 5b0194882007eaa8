package io.chainwatch.logging;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks Telegram bot tokens in text: anything shaped like one ({@code 123456789:AAE…}, 35 or more secret characters),
 * the path segment of a Bot API URL ({@code /bot<token>/}, whatever its shape), and the configured token itself.
 * Immutable and thread-safe.
 */
public final class TokenRedaction {

    public static final String MASK = "<redacted>";

    /** A bot API URL's token segment; the slash may be JSON-escaped ({@code \/}). */
    private static final Pattern BOT_PATH = Pattern.compile("(/bot)[0-9]+:[^/\\\\\\s\"']*");
    private static final Pattern TOKEN = Pattern.compile("(?<![0-9])[0-9]{5,}:[A-Za-z0-9_-]{35,}");
    /** Shorter than this, a configured value is not masked literally (it would mask ordinary words). */
    private static final int MIN_LITERAL = 8;

    private final Optional<String> configured;

    private TokenRedaction(Optional<String> configured) {
        this.configured = configured.filter(t -> t.length() >= MIN_LITERAL);
    }

    /**
     * @param configuredToken the bot token this process was given, masked wherever it appears even when it does not
     *        look like a token
     */
    public static TokenRedaction of(Optional<String> configuredToken) {
        return new TokenRedaction(configuredToken);
    }

    public String redact(String text) {
        String result = text;
        if (configured.isPresent() && result.contains(configured.get())) {
            result = result.replace(configured.get(), MASK);
        }
        result = BOT_PATH.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        return TOKEN.matcher(result).replaceAll(Matcher.quoteReplacement(MASK));
    }
}
