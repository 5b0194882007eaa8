package io.chainwatch.bot.command;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.bot.chain.NativeAmount;
import io.chainwatch.bot.store.ChatPreferences;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.schema.ChainPresets;
import io.chainwatch.telegram.QuietHours;

/**
 * The arguments of {@code /settings}: {@code confirmations}, {@code min}, {@code kinds}, {@code quiet} and
 * {@code spam}. Like {@link CommandParser}, a pure function of the text that never throws; every mistake becomes a
 * {@link Command.Invalid} saying exactly what is wrong. Thread-safe.
 */
final class SettingsParser {

    private static final Pattern TIMES = Pattern
            .compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})(?:\\s+(.*))?");

    private final List<ChainConfig> chains;
    private final Replies replies;
    private final SettingsTexts texts;

    SettingsParser(List<ChainConfig> chains, Replies replies) {
        this.chains = List.copyOf(chains);
        this.replies = replies;
        this.texts = new SettingsTexts(chains, replies);
    }

    /** {@code tokens} is positioned right after {@code /settings}. */
    Command parse(CommandParser.Tokens tokens) {
        Optional<String> what = tokens.next();
        if (what.isEmpty()) {
            return new Command.ShowSettings();
        }
        return switch (what.get().toLowerCase(Locale.ROOT)) {
            case "confirmations", "confirmation", "conf", "confs" -> confirmations(tokens);
            case "min", "minimum", "min-value", "minvalue" -> minimum(tokens);
            case "kinds", "kind", "types" -> kinds(tokens);
            case "quiet", "quiet-hours", "quiethours" -> quiet(tokens);
            case "spam" -> spam(tokens);
            default -> new Command.Invalid(texts.unknownSetting(what.get()));
        };
    }

    private Command confirmations(CommandParser.Tokens tokens) {
        Optional<String> chainArg = tokens.next();
        Optional<String> depthArg = tokens.next();
        if (chainArg.isEmpty() || depthArg.isEmpty()) {
            return new Command.Invalid(replies.usage(Usage.CONFIRMATIONS));
        }
        Optional<List<ChainConfig>> targets = targets(chainArg.get());
        if (targets.isEmpty()) {
            return unknownChain(chainArg.get(), Usage.CONFIRMATIONS);
        }
        if (depthArg.get().equalsIgnoreCase("default")) {
            return new Command.SetConfirmations(targets.get(), null);
        }
        String depth = depthArg.get();
        if (depth.isEmpty() || depth.length() > 6 || !depth.chars().allMatch(c -> c >= '0' && c <= '9') || Integer
                .parseInt(depth) > ChainConfig.MAX_CONFIRMATIONS) {
            return new Command.Invalid(replies.badConfirmations(depth));
        }
        return new Command.SetConfirmations(targets.get(), Integer.parseInt(depth));
    }

    private Command minimum(CommandParser.Tokens tokens) {
        Optional<String> chainArg = tokens.next();
        Optional<String> amountArg = tokens.next();
        Optional<String> unitArg = tokens.next();
        if (chainArg.isEmpty() || amountArg.isEmpty() || tokens.next().isPresent()) {
            return new Command.Invalid(replies.usage(Usage.MINIMUM));
        }
        Optional<List<ChainConfig>> found = targets(chainArg.get());
        if (found.isEmpty()) {
            return unknownChain(chainArg.get(), Usage.MINIMUM);
        }
        List<ChainConfig> targets = found.get();
        String amount = amountArg.get();
        if (List.of("off", "none", "no", "default").contains(amount.toLowerCase(Locale.ROOT))) {
            return new Command.SetMinimum(targets, null);
        }
        boolean dollarUnit = unitArg.isPresent() && DOLLAR_UNITS.contains(unitArg.get().toLowerCase(Locale.ROOT));
        if (dollarUnit || amount.startsWith("$") || amount.endsWith("$")) {
            return dollars(targets, amount.replace("$", ""), amount);
        }
        if (unitArg.isPresent() && !(targets.size() == 1 && unitArg.get().equalsIgnoreCase(targets.get(0).preset()
                .nativeSymbol()))) {
            return new Command.Invalid(texts.wrongUnit(unitArg.get(), targets));
        }
        int decimals = targets.stream().mapToInt(c -> c.preset().nativeDecimals()).min().orElse(18);
        return switch (NativeAmount.parse(amount, decimals)) {
            case NativeAmount.Parsed.Amount a -> new Command.SetMinimum(targets, a.coins().signum() == 0
                    ? null
                    : a.coins());
            case NativeAmount.Parsed problem -> new Command.Invalid(texts.badAmount(amount, problem));
        };
    }

    private static final List<String> DOLLAR_UNITS = List.of("usd", "$", "dollar", "dollars");
    /** {@code 100}, {@code 99.5}, {@code 1,000} or {@code 1,000.25}: whole dollars and at most cents. */
    private static final Pattern DOLLARS = Pattern.compile("(\\d{1,12}|\\d{1,3}(,\\d{3}){1,3})(\\.\\d{1,2})?");
    /** The largest dollar minimum the database holds (NUMERIC(14, 2)). */
    static final BigDecimal MAX_DOLLARS = new BigDecimal("999999999999.99");

    /** {@code /settings min all $100}: a minimum in US dollars; {@code $0} turns the minimum off. */
    private Command dollars(List<ChainConfig> targets, String number, String given) {
        if (!DOLLARS.matcher(number).matches()) {
            return new Command.Invalid(texts.badDollars(given));
        }
        BigDecimal usd = new BigDecimal(number.replace(",", ""));
        if (usd.compareTo(MAX_DOLLARS) > 0) {
            return new Command.Invalid(texts.badDollars(given));
        }
        return usd.signum() == 0
                ? new Command.SetMinimum(targets, null)
                : new Command.SetMinimumUsd(targets, usd.stripTrailingZeros());
    }

    private Command kinds(CommandParser.Tokens tokens) {
        List<String> words = CommandParser.tokens(tokens.rest());
        if (words.isEmpty()) {
            return new Command.Invalid(replies.usage(Usage.KINDS));
        }
        Map<ChatPreferences.Kind, Boolean> relative = new EnumMap<>(ChatPreferences.Kind.class);
        Map<ChatPreferences.Kind, Boolean> absolute = new EnumMap<>(ChatPreferences.Kind.class);
        boolean all = false;
        for (String word : words) {
            char sign = word.charAt(0);
            boolean signed = sign == '+' || sign == '-';
            String name = signed ? word.substring(1) : word;
            if (!signed && List.of("all", "everything", "default").contains(name.toLowerCase(Locale.ROOT))) {
                all = true;
                continue;
            }
            Optional<ChatPreferences.Kind> kind = ChatPreferences.Kind.of(name);
            if (kind.isEmpty()) {
                return new Command.Invalid(texts.unknownKind(word));
            }
            (signed ? relative : absolute).put(kind.get(), sign != '-');
        }
        if (!relative.isEmpty() && (all || !absolute.isEmpty())) {
            return new Command.Invalid(texts.mixedKinds());
        }
        if (!relative.isEmpty()) {
            return new Command.SetKinds(relative);
        }
        Map<ChatPreferences.Kind, Boolean> changes = new EnumMap<>(ChatPreferences.Kind.class);
        boolean assetsNamed = absolute.keySet().stream().anyMatch(k -> !k.direction);
        boolean directionsNamed = absolute.keySet().stream().anyMatch(k -> k.direction);
        for (ChatPreferences.Kind kind : ChatPreferences.Kind.values()) {
            if (all || (kind.direction ? directionsNamed : assetsNamed)) {
                changes.put(kind, all || absolute.containsKey(kind));
            }
        }
        return new Command.SetKinds(changes);
    }

    private Command quiet(CommandParser.Tokens tokens) {
        String rest = tokens.rest().strip();
        if (rest.isEmpty()) {
            return new Command.Invalid(replies.usage(Usage.QUIET));
        }
        if (List.of("off", "none", "no").contains(rest.toLowerCase(Locale.ROOT))) {
            return new Command.SetQuietHours(null);
        }
        Optional<QuietHours> hours = QuietHours.parse(rest);
        if (hours.isPresent()) {
            return new Command.SetQuietHours(hours.get());
        }
        Matcher m = TIMES.matcher(rest);
        if (!m.matches()) {
            return new Command.Invalid(texts.badQuietHours(rest));
        }
        int fromHour = Integer.parseInt(m.group(1));
        int toHour = Integer.parseInt(m.group(3));
        if (fromHour > 23 || toHour > 23 || Integer.parseInt(m.group(2)) > 59 || Integer.parseInt(m.group(4)) > 59) {
            return new Command.Invalid(texts.badTimeOfDay(rest));
        }
        if (fromHour == toHour && m.group(2).equals(m.group(4))) {
            return new Command.Invalid(texts.emptyQuietHours());
        }
        return new Command.Invalid(texts.unknownZone(m.group(5) == null ? "" : m.group(5)));
    }

    private Command spam(CommandParser.Tokens tokens) {
        Optional<String> choice = tokens.next().map(s -> s.toLowerCase(Locale.ROOT));
        if (choice.isEmpty() || tokens.next().isPresent()) {
            return new Command.Invalid(replies.usage(Usage.SPAM));
        }
        return switch (choice.get()) {
            case "hide", "hidden" -> new Command.SetHideSpam(true);
            case "show", "shown" -> new Command.SetHideSpam(false);
            default -> new Command.Invalid(texts.badSpamChoice(choice.get()));
        };
    }

    /** All configured chains for {@code all}, the one named, or empty when the name is not a configured chain. */
    private Optional<List<ChainConfig>> targets(String chainArg) {
        if (chainArg.equalsIgnoreCase("all")) {
            return Optional.of(chains);
        }
        return CommandParser.chain(chains, chainArg).map(List::of);
    }

    private Command unknownChain(String given, Usage usage) {
        return new Command.Invalid(replies.unknownChain(given, ChainPresets.find(given).isPresent(), usage));
    }
}
