package io.chainwatch.bot.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.chainwatch.bot.chain.Hex;
import io.chainwatch.bot.text.Text;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.ens.EnsNames;
import io.chainwatch.schema.ChainPresets;

/**
 * Turns a message's text into a {@link Command}: a pure function of the text, the bot's user name and the configured
 * chains. Every malformed input becomes a {@link Command.Invalid} whose reply says what is wrong and shows the usage;
 * nothing here throws. Thread-safe.
 */
final class CommandParser {

    /** Longest label, in characters (code points) after cleaning. */
    static final int MAX_LABEL_LENGTH = 64;
    /** Longest text the parser looks at; Telegram messages are at most 4096 characters anyway. */
    static final int MAX_INPUT_LENGTH = 4096;
    /** How much of a bad argument a reply quotes back. */
    static final int ECHO_LENGTH = 70;

    private final List<ChainConfig> chains;
    private final Replies replies;
    private final SettingsParser settings;

    CommandParser(List<ChainConfig> chains, Replies replies) {
        this.chains = List.copyOf(chains);
        this.replies = replies;
        this.settings = new SettingsParser(chains, replies);
    }

    /**
     * @param text the message text, may be null
     * @param botUsername the bot's user name without {@code @}, or null when unknown (then any {@code @suffix} is
     *            accepted)
     */
    Command parse(String text, String botUsername) {
        if (text == null) {
            return new Command.PlainText();
        }
        String input = text.length() > MAX_INPUT_LENGTH ? text.substring(0, MAX_INPUT_LENGTH) : text;
        input = input.stripLeading();
        if (!input.startsWith("/")) {
            return new Command.PlainText();
        }
        Tokens tokens = Tokens.of(input);
        String head = tokens.next().orElse("/").substring(1);
        int at = head.indexOf('@');
        if (at >= 0) {
            String addressee = head.substring(at + 1);
            head = head.substring(0, at);
            if (botUsername != null && !addressee.equalsIgnoreCase(botUsername)) {
                return new Command.NotForMe();
            }
        }
        String name = head.toLowerCase(Locale.ROOT);
        return CommandTable.named(name).map(command -> command.parse.parse(this, tokens)).orElseGet(
                () -> new Command.Unknown(name));
    }

    /**
     * A button's callback data, as {@link Command.ListWatches#callbackData()} and
     * {@link Command.RemoveWatch#callbackData()} write it; {@link Command.Unknown} for anything else.
     */
    Command parseButton(String data) {
        String[] parts = data == null ? new String[0] : data.split(":");
        if (parts.length == 2 && parts[0].equals(Command.ListWatches.BUTTON)) {
            return new Command.ListWatches(parseIntOr(parts[1], 0));
        }
        if (parts.length == 3 && parts[0].equals(Command.RemoveWatch.BUTTON)) {
            return new Command.RemoveWatch(parseLongOr(parts[1], -1), parseIntOr(parts[2], 0));
        }
        return new Command.Unknown(data == null ? "" : data);
    }

    Command settings(Tokens tokens) {
        return settings.parse(tokens);
    }

    Command watch(Tokens tokens) {
        Optional<String> chainArg = tokens.next();
        Optional<String> addressArg = tokens.next();
        if (chainArg.isEmpty() || addressArg.isEmpty()) {
            return new Command.Invalid(replies.usage(Usage.WATCH));
        }
        Optional<ChainConfig> chain = chain(chainArg.get());
        if (chain.isEmpty()) {
            return unknownChain(chainArg.get(), Usage.WATCH);
        }
        Optional<Optional<String>> label = label(tokens.rest());
        if (isName(addressArg.get())) {
            // resolved by the handler, which asks the chain's nodes; here only its form is checked
            return switch (EnsNames.normalise(addressArg.get())) {
                case EnsNames.Normalised.Invalid invalid -> new Command.Invalid(replies.badName(addressArg.get(),
                        invalid.reason()));
                case EnsNames.Normalised.Valid valid -> label.isEmpty()
                        ? labelTooLong(tokens.rest(), Usage.WATCH)
                        : new Command.WatchName(chain.get(), valid.name(), label.get().orElse(null));
            };
        }
        Hex.Check check = Hex.address(addressArg.get());
        if (!(check instanceof Hex.Check.Valid valid)) {
            return new Command.Invalid(replies.badHex(check, addressArg.get(), Usage.WATCH));
        }
        if (label.isEmpty()) {
            return labelTooLong(tokens.rest(), Usage.WATCH);
        }
        return new Command.Watch(chain.get(), valid.value(), label.get().orElse(null));
    }

    Command unwatch(Tokens tokens) {
        Optional<String> chainArg = tokens.next();
        Optional<String> addressArg = tokens.next();
        if (chainArg.isEmpty() || addressArg.isEmpty()) {
            return new Command.Invalid(replies.usage(Usage.UNWATCH));
        }
        Optional<ChainConfig> chain = chain(chainArg.get());
        if (chain.isEmpty()) {
            return unknownChain(chainArg.get(), Usage.UNWATCH);
        }
        // removing needs no checksum: whatever the case, the user wants that address gone
        Hex.Check check = Hex.addressShape(addressArg.get());
        if (check instanceof Hex.Check.Valid valid) {
            return new Command.Unwatch(chain.get(), valid.value());
        }
        return new Command.Invalid(replies.badHex(check, addressArg.get(), Usage.UNWATCH));
    }

    Command track(Tokens tokens) {
        Optional<String> chainArg = tokens.next();
        Optional<String> hashArg = tokens.next();
        if (chainArg.isEmpty() || hashArg.isEmpty()) {
            return new Command.Invalid(replies.usage(Usage.TRACK));
        }
        Optional<ChainConfig> chain = chain(chainArg.get());
        if (chain.isEmpty()) {
            return unknownChain(chainArg.get(), Usage.TRACK);
        }
        Hex.Check check = Hex.txHash(hashArg.get());
        if (!(check instanceof Hex.Check.Valid valid)) {
            return new Command.Invalid(replies.badHex(check, hashArg.get(), Usage.TRACK));
        }
        Optional<Optional<String>> label = label(tokens.rest());
        if (label.isEmpty()) {
            return labelTooLong(tokens.rest(), Usage.TRACK);
        }
        return new Command.Track(chain.get(), valid.value(), label.get().orElse(null));
    }

    Command untrack(Tokens tokens) {
        Optional<String> chainArg = tokens.next();
        Optional<String> hashArg = tokens.next();
        if (chainArg.isEmpty() || hashArg.isEmpty()) {
            return new Command.Invalid(replies.usage(Usage.UNTRACK));
        }
        Optional<ChainConfig> chain = chain(chainArg.get());
        if (chain.isEmpty()) {
            return unknownChain(chainArg.get(), Usage.UNTRACK);
        }
        Hex.Check check = Hex.txHash(hashArg.get());
        if (!(check instanceof Hex.Check.Valid valid)) {
            return new Command.Invalid(replies.badHex(check, hashArg.get(), Usage.UNTRACK));
        }
        return new Command.Untrack(chain.get(), valid.value());
    }

    Command gas(Tokens tokens) {
        Optional<String> chainArg = tokens.next();
        if (chainArg.isEmpty()) {
            return chains.size() == 1 ? new Command.Gas(chains.get(0)) : new Command.Invalid(replies.usage(Usage.GAS));
        }
        Optional<ChainConfig> chain = chain(chainArg.get());
        return chain.<Command>map(Command.Gas::new).orElseGet(() -> unknownChain(chainArg.get(), Usage.GAS));
    }

    Command list(Tokens tokens) {
        Optional<String> pageArg = tokens.next();
        if (pageArg.isEmpty()) {
            return new Command.ListWatches(0);
        }
        int page = positiveInt(pageArg.get());
        return page < 1 ? new Command.Invalid(replies.usage(Usage.LIST)) : new Command.ListWatches(page - 1);
    }

    /** An ENS name rather than an address: it has a dot and does not start as an address does. */
    static boolean isName(String argument) {
        return argument.indexOf('.') >= 0 && !argument.regionMatches(true, 0, "0x", 0, 2);
    }

    private Optional<ChainConfig> chain(String nameOrAlias) {
        return chain(chains, nameOrAlias);
    }

    /** The configured chain named {@code nameOrAlias}, if it is one. */
    static Optional<ChainConfig> chain(List<ChainConfig> chains, String nameOrAlias) {
        return ChainPresets.find(nameOrAlias).flatMap(p -> chains.stream().filter(c -> c.name().equals(p.name()))
                .findFirst());
    }

    /** Empty when too long; otherwise the cleaned label, empty when none was given. */
    private Optional<Optional<String>> label(String rest) {
        String label = Text.clean(rest);
        if (Text.length(label) > MAX_LABEL_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(label.isEmpty() ? Optional.empty() : Optional.of(label));
    }

    private Command labelTooLong(String rest, Usage usage) {
        return new Command.Invalid(replies.labelTooLong(Text.length(Text.clean(rest)), usage));
    }

    private Command unknownChain(String given, Usage usage) {
        return new Command.Invalid(replies.unknownChain(given, ChainPresets.find(given).isPresent(), usage));
    }

    /** The number, at least 0; {@code fallback} when it is none. */
    private static int parseIntOr(String text, int fallback) {
        try {
            return Math.max(0, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLongOr(String text, long fallback) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int positiveInt(String text) {
        int value = positiveIntOrZero(text);
        return value == 0 ? -1 : value;
    }

    /** The non-negative integer written in ASCII digits, or -1. */
    private static int positiveIntOrZero(String text) {
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    /** Whitespace-separated tokens of one message, with access to the untouched rest. */
    static final class Tokens {
        private final String text;
        private int position;

        private Tokens(String text) {
            this.text = text;
        }

        static Tokens of(String text) {
            return new Tokens(text);
        }

        Optional<String> next() {
            skipBlanks();
            if (position >= text.length()) {
                return Optional.empty();
            }
            int start = position;
            while (position < text.length() && !isBlank(text.codePointAt(position))) {
                position += Character.charCount(text.codePointAt(position));
            }
            return Optional.of(text.substring(start, position));
        }

        String rest() {
            skipBlanks();
            return text.substring(position);
        }

        private void skipBlanks() {
            while (position < text.length() && isBlank(text.codePointAt(position))) {
                position += Character.charCount(text.codePointAt(position));
            }
        }

        private static boolean isBlank(int cp) {
            return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT;
        }
    }

    static List<String> tokens(String text) {
        Tokens tokens = Tokens.of(text);
        List<String> out = new ArrayList<>();
        for (Optional<String> t = tokens.next(); t.isPresent(); t = tokens.next()) {
            out.add(t.get());
        }
        return out;
    }
}
