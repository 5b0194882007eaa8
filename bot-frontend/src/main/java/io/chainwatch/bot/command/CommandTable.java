package io.chainwatch.bot.command;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every command the bot answers to, each described once: its name (the constant's, in lower case) and aliases, its
 * line in Telegram's command menu, its line in {@code /help}, its {@link Usage} and how its arguments are parsed. The
 * menu, the help text and the parser's dispatch are read from here, so adding or renaming a command is one line. The
 * order is the menu's and the help's.
 */
public enum CommandTable {

    // @formatter:off
    WATCH("Watch an address: /watch <chain> <address or name.eth>", "notify on activity of an address",
            Usage.WATCH,
            CommandParser::watch),
    UNWATCH("Stop watching an address", "stop watching an address", Usage.UNWATCH, CommandParser::unwatch),
    TRACK("Track a transaction: /track <chain> <tx hash>", "tell a transaction's life in one message", Usage.TRACK,
            CommandParser::track),
    UNTRACK("Stop tracking a transaction", "stop tracking a transaction", Usage.UNTRACK, CommandParser::untrack),
    LIST("What this chat watches", "what this chat watches", Usage.LIST, CommandParser::list),
    SETTINGS("Confirmations, minimum, kinds, quiet hours, spam",
            "confirmations, minimum value, kinds, quiet hours, spam", Usage.SETTINGS, CommandParser::settings),
    GAS("Gas fees now: /gas <chain>", "base fee and tips right now", Usage.GAS, CommandParser::gas, "fees"),
    STATUS("Blocks processed per chain", "which blocks chainwatch has processed on each chain", null,
            (parser, tokens) -> new Command.Status()),
    /** In the menu; the help is what it shows, so not in it. */
    HELP("How to use chainwatch", null, null, (parser, tokens) -> new Command.Help()),
    /** What Telegram sends when a chat opens the bot; in neither the menu nor the help. */
    START(null, null, null, (parser, tokens) -> new Command.Start()),
    /** For operators only, so in neither the menu nor the help. */
    STATS(null, null, null, (parser, tokens) -> new Command.Stats());
    // @formatter:on

    /** How a command's arguments become a {@link Command}; {@code tokens} is positioned after the command's name. */
    @FunctionalInterface
    interface Parse {
        Command parse(CommandParser parser, CommandParser.Tokens tokens);
    }

    private static final Map<String, CommandTable> BY_NAME = new HashMap<>();

    static {
        for (CommandTable command : values()) {
            BY_NAME.put(command.command(), command);
            command.aliases.forEach(alias -> BY_NAME.put(alias, command));
        }
    }

    /** Plain text for Telegram's menu, or null when the command is not in it. */
    private final String menu;
    /** HTML after the syntax in {@code /help}, or null when the command is not in it. */
    private final String help;
    /** The syntax shown when the command is written wrong, or null when it takes no arguments. */
    final Usage usage;
    final Parse parse;
    private final List<String> aliases;

    CommandTable(String menu, String help, Usage usage, Parse parse, String... aliases) {
        this.menu = menu;
        this.help = help;
        this.usage = usage;
        this.parse = parse;
        this.aliases = List.of(aliases);
    }

    /** The name after the {@code /}. */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What Telegram's menu says of the command. */
    public String menuDescription() {
        return menu;
    }

    /** The commands in Telegram's menu (set with setMyCommands), in order. */
    public static List<CommandTable> menu() {
        return Arrays.stream(values()).filter(c -> c.menu != null).toList();
    }

    /** The command a chat means by {@code name} (lower case, without the {@code /}), if it is one. */
    static Optional<CommandTable> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The {@code /help} lines, one per command: its syntax when it needs arguments, its bare name when they are all
     * optional ({@code /list}, {@code /settings}), then what it does.
     */
    static String helpHtml() {
        return Arrays.stream(values()).filter(c -> c.help != null).map(c -> (c.usage != null && c.usage
                .needsArguments() ? c.usage.syntaxHtml : "/" + c.command()) + " — " + c.help).collect(Collectors
                        .joining("\n"));
    }
}
