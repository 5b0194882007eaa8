package io.chainwatch.telegram;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily window in which a chat's alerts arrive without sound ({@code disable_notification}): nothing is held back,
 * so a quiet night never becomes a missed alert. Written {@code HH:MM-HH:MM [zone]}; the window may cross midnight
 * ({@code 22:00-07:00}), the zone is an IANA name ({@code Europe/Berlin}, daylight saving included) or a fixed offset
 * ({@code UTC+2}, {@code +05:30}), UTC when omitted. The bot parses what a user types, the subscription and the alert
 * carry {@link #text()}, and the notifier asks {@link #isQuietAt(Instant)} when it sends. Immutable and pure.
 *
 * @param from first minute of the window, inclusive
 * @param to end of the window, exclusive; equal to {@code from} is refused (a window of no or all minutes)
 * @param zone the clock the window is read on
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

    private static final Pattern SYNTAX = Pattern.compile(
            "(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})(?:\\s+(\\S+))?");
    private static final Pattern UTC_OFFSET = Pattern.compile("(?i)(?:utc|gmt)?([+-])(\\d{1,2})(?::?(\\d{2}))?");

    public QuietHours {
        if (from.equals(to)) {
            throw new IllegalArgumentException("quiet hours must start and end at different times");
        }
        if (from.getSecond() != 0 || from.getNano() != 0 || to.getSecond() != 0 || to.getNano() != 0) {
            throw new IllegalArgumentException("quiet hours are given in whole minutes");
        }
    }

    /**
     * The quiet hours a user or a record wrote, or empty when the text is not a valid window (the caller words the
     * answer; see the class documentation for the syntax).
     */
    public static Optional<QuietHours> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalTime from = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            LocalTime to = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            if (from.equals(to)) {
                return Optional.empty();
            }
            Optional<ZoneId> zone = m.group(5) == null ? Optional.of(ZoneOffset.UTC) : zone(m.group(5));
            return zone.map(z -> new QuietHours(from, to, z));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<ZoneId> zone(String text) {
        if (text.equalsIgnoreCase("utc") || text.equalsIgnoreCase("gmt") || text.equalsIgnoreCase("z")) {
            return Optional.of(ZoneOffset.UTC);
        }
        Matcher offset = UTC_OFFSET.matcher(text);
        if (offset.matches()) {
            int hours = Integer.parseInt(offset.group(2));
            int minutes = offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3));
            int sign = offset.group(1).equals("-") ? -1 : 1;
            if (hours > 14 || minutes > 59) {
                return Optional.empty();
            }
            return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        }
        if (!text.contains("/")) { // ZoneId.of would accept "EST" style ids; only region names are unambiguous
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code instant} falls inside the window on this zone's clock. */
    public boolean isQuietAt(Instant instant) {
        LocalTime local = LocalTime.ofInstant(instant, zone);
        if (from.isBefore(to)) {
            return !local.isBefore(from) && local.isBefore(to);
        }
        return !local.isBefore(from) || local.isBefore(to); // crosses midnight
    }

    /** The canonical text, {@code 22:00-07:00 Europe/Berlin}; {@link #parse} reads it back to an equal value. */
    public String text() {
        return String.format(Locale.ROOT, "%02d:%02d-%02d:%02d %s", from.getHour(), from.getMinute(), to.getHour(),
                to.getMinute(), zone instanceof ZoneOffset offset && offset.equals(ZoneOffset.UTC)
                        ? "UTC"
                        : zone instanceof ZoneOffset offset ? "UTC" + offset.getId() : zone.getId());
    }
}
