package io.chainwatch.names;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

/**
 * Names an operator ships for addresses everyone knows — exchange hot wallets, bridges, routers — so a message says
 * "Binance 14" where it would say {@code 0x28c6…1d60}; read from the file {@code CHAINWATCH_ADDRESS_LABELS} names, at
 * startup, never from anyone else. One entry a line: an address, optionally behind a chain's name and a colon (an
 * entry without one holds on every chain, as most such contracts have one address everywhere; a chain's own entry
 * wins), then the name; {@code #} starts a comment. A name is the operator's text, shown escaped and cut like any
 * other. Immutable, thread-safe.
 *
 * <pre>
 * # exchanges
 * 0x28C6c06298d514Db089934071355E5743bf21d60 Binance 14
 * bsc:0x8894E0a0c962CB723c1976a4421c95949bE2D4E3 Binance hot wallet
 * </pre>
 */
public final class AddressBook {

    /** The environment variable naming the file, read by every service that shows names. */
    public static final String ENV = "CHAINWATCH_ADDRESS_LABELS";
    /** Longest name kept; longer ones are refused, so a typo'd line cannot fill a message. */
    public static final int MAX_NAME_CHARS = 64;
    private static final Pattern ENTRY = Pattern.compile("(?:([a-z0-9][a-z0-9-]*):)?(0x[0-9a-fA-F]{40})\\s+(.+)");
    private static final String EVERY_CHAIN = "*";
    private static final AddressBook EMPTY = new AddressBook(Map.of());

    private final Map<String, String> names;

    private AddressBook(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    public static AddressBook empty() {
        return EMPTY;
    }

    /**
     * The book in the file {@link #ENV} names, empty when unset; a file that cannot be read or has a bad line stops
     * the start, naming the line.
     */
    public static AddressBook from(RuntimeEnv env) {
        Optional<String> file = env.get(ENV);
        if (file.isEmpty()) {
            return empty();
        }
        try {
            return load(Path.of(file.get()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigException(ENV + ": " + e.getMessage());
        }
    }

    /** The book in {@code file}; every line that is not an entry, a comment or blank is an error naming the line. */
    public static AddressBook load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the address book " + file, e);
        }
    }

    /**
     * @param source what the lines are, for the errors ({@code labels.txt:12: …})
     * @throws IllegalArgumentException at the first line that is not an entry, or names an address twice
     */
    public static AddressBook parse(List<String> lines, String source) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            String where = source + ":" + (i + 1) + ": ";
            if (!m.matches()) {
                throw new IllegalArgumentException(where + "expected '[chain:]0x<40 hex digits> <name>'");
            }
            String name = m.group(3).strip();
            if (name.length() > MAX_NAME_CHARS) {
                throw new IllegalArgumentException(where + "a name has at most " + MAX_NAME_CHARS + " characters");
            }
            String key = key(m.group(1) == null ? EVERY_CHAIN : m.group(1), m.group(2));
            if (names.putIfAbsent(key, name) != null) {
                throw new IllegalArgumentException(where + m.group(2) + " is named twice"
                        + (m.group(1) == null ? "" : " for " + m.group(1)));
            }
        }
        return new AddressBook(names);
    }

    /** The name of {@code address} on {@code chain}: the chain's own entry, else one for every chain. */
    public Optional<String> name(String chain, String address) {
        if (address == null || names.isEmpty()) {
            return Optional.empty();
        }
        String own = names.get(key(chain, address));
        return Optional.ofNullable(own != null ? own : names.get(key(EVERY_CHAIN, address)));
    }

    public int size() {
        return names.size();
    }

    private static String key(String chain, String address) {
        return chain + ":" + address.toLowerCase(Locale.ROOT);
    }
}
