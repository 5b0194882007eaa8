package io.chainwatch.bot.command;

import java.util.List;
import java.util.stream.Collectors;

import io.chainwatch.bot.chain.Hex;
import io.chainwatch.bot.text.Html;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.schema.ChainPreset;

/** Every text the bot sends, in Telegram HTML; user input is escaped here and nowhere else. Thread-safe. */
public final class Replies {

    static final String UNAVAILABLE = "⏳ The database is unavailable right now, so nothing was changed. Please try"
            + " again in a minute.";
    static final String INTERNAL_ERROR = "⚠️ Something went wrong on our side. Nothing was changed; please try again"
            + " later.";
    static final String ADMINS_ONLY = "🔒 In groups only admins can change what this chat watches.";
    static final String NOT_A_COMMAND = "I understand commands only. Send /help to see them.";
    public static final String SLOW_DOWN = "🐢 Easy there — too many commands at once. Please wait a few seconds and try"
            + " again.";

    private final List<ChainConfig> chains;

    Replies(List<ChainConfig> chains) {
        this.chains = List.copyOf(chains);
    }

    String start() {
        return "👋 <b>chainwatch</b> tells this chat about activity on the addresses and transactions it watches.\n\n"
                + help();
    }

    String help() {
        // no space after "Chains:": the text block this replaced lost it (a text block strips trailing blanks)
        return "<b>Commands</b>\n" + CommandTable.helpHtml() + "\n\n<b>Chains</b>:" + chainList() + "\nExample: <code>"
                + Usage.WATCH.example + "</code>";
    }

    String usage(Usage usage) {
        return "ℹ️ Usage: <code>" + usage.syntaxHtml + "</code>\nExample: <code>" + usage.example + "</code>";
    }

    String unknownCommand(String name) {
        return "🤔 I don't know the command /" + Html.echo(name, 32) + ". Send /help to see what I can do.";
    }

    String unknownChain(String given, boolean knownButNotEnabled, Usage usage) {
        String reason = knownButNotEnabled ? " is not enabled on this chainwatch" : " is not a chain I know";
        return "⛓ <b>" + Html.echo(given, 32) + "</b>" + reason + ". Valid chains: " + chainList() + ".\n"
                + usage(usage);
    }

    String badHex(Hex.Check check, String given, Usage usage) {
        boolean address = usage == Usage.WATCH || usage == Usage.UNWATCH;
        String what = address ? "An address" : "A transaction hash";
        int digits = address ? Hex.ADDRESS_HEX_DIGITS : Hex.TX_HASH_HEX_DIGITS;
        String echo = "<code>" + Html.echo(given, CommandParser.ECHO_LENGTH) + "</code>";
        String problem = switch (check) {
            case Hex.Check.MissingPrefix m -> echo + " does not start with 0x. " + what + " is 0x followed by "
                    + digits + " hex characters (0-9, a-f).";
            case Hex.Check.NotHex n -> echo + " contains characters other than 0-9 and a-f after 0x.";
            case Hex.Check.WrongLength w -> what + " has " + digits + " hex characters after 0x; " + echo + " has "
                    + w.hexDigits() + ".";
            case Hex.Check.BadChecksum b -> "The checksum (the mix of upper and lower case, EIP-55) of " + echo
                    + " is wrong: there may be a typo. Check the address, or send it in lower case if you are sure.";
            case Hex.Check.Valid v -> echo + " is fine.";
        };
        return "❌ " + problem + "\n" + usage(usage);
    }

    String badName(String given, String reason) {
        return "❌ <code>" + Html.echo(given, CommandParser.ECHO_LENGTH) + "</code> is not an ENS name I can look up: "
                + Html.escape(reason) + ".\n" + usage(Usage.WATCH);
    }

    String noEns(ChainPreset chain) {
        return "ℹ️ Names cannot be looked up on <b>" + Html.escape(chain.displayName()) + "</b>: this chainwatch has"
                + " no ENS registry for it. Send the address instead (0x…). Nothing was changed.";
    }

    String nameUnregistered(ChainPreset chain, String name) {
        return "🔎 <b>" + Html.escape(name) + "</b> has no address on <b>" + Html.escape(chain.displayName())
                + "</b>: it is not registered, or it names no address. Check the spelling. Nothing was changed.";
    }

    String nameLookupFailed(ChainPreset chain, String name) {
        return "⏳ I could not reach the nodes of <b>" + Html.escape(chain.displayName()) + "</b> to look up <b>"
                + Html.escape(name) + "</b>, so nothing was changed. Please try again in a minute.";
    }

    /** The line before what adding the watch did: which address the name stood for when it was looked up. */
    String resolved(ChainPreset chain, String name, String address) {
        return "🔎 <b>" + Html.escape(name) + "</b> = " + Html.address(address) + " on <b>" + Html.escape(chain
                .displayName()) + "</b> now. The watch follows this address, even if the name changes hands later.";
    }

    String labelTooLong(int length, Usage usage) {
        return "❌ A label can be at most " + CommandParser.MAX_LABEL_LENGTH + " characters; yours has " + length
                + ".\n" + usage(usage);
    }

    String badConfirmations(String given) {
        return "❌ Confirmations must be a whole number from 0 to " + ChainConfig.MAX_CONFIRMATIONS
                + " or <code>default</code>, not <code>" + Html.echo(given, 20) + "</code>.\n"
                + usage(Usage.CONFIRMATIONS);
    }

    String watching(ChainPreset chain, String value, String label) {
        return "✅ 👀 Watching " + Html.address(value) + " on <b>" + Html.escape(chain.displayName()) + "</b>"
                + labelSuffix(
                        label)
                + ".";
    }

    String alreadyWatching(ChainPreset chain, String value, String label) {
        return "ℹ️ This chat already watches " + Html.address(value) + " on <b>" + Html.escape(chain.displayName())
                + "</b>" + labelSuffix(label) + ".";
    }

    String labelUpdated(ChainPreset chain, String value, String label) {
        return "✏️ Label of " + Html.address(value) + " on <b>" + Html.escape(chain.displayName()) + "</b> is now "
                + labelSuffix(label).replaceFirst("^ ", "") + ".";
    }

    String limitReached(int max) {
        return "🚫 This chat already watches " + max + " addresses and transactions, the most allowed. Remove some"
                + " with /unwatch or /untrack (see /list).";
    }

    String removed(ChainPreset chain, String value, String label) {
        return "🗑 Stopped watching " + Html.address(value) + " on <b>" + Html.escape(chain.displayName()) + "</b>"
                + labelSuffix(label) + ".";
    }

    String notWatching(ChainPreset chain, String value) {
        return "ℹ️ This chat does not watch " + Html.address(value) + " on <b>" + Html.escape(chain.displayName())
                + "</b>. See /list.";
    }

    String confirmationsSet(List<ChainConfig> targets, Integer depth, int watchesChanged) {
        String names = targets.stream().map(c -> "<b>" + Html.escape(c.preset().displayName()) + "</b>").collect(
                Collectors.joining(", "));
        String value = depth == null ? "the chain's default" : depth + " confirmation" + (depth == 1 ? "" : "s");
        return "✅ " + names + ": notifications now wait for " + value + " (" + watchesChanged + " watch"
                + (watchesChanged == 1 ? "" : "es") + " updated).";
    }

    String status(int watches, int max, String coverage) {
        return "🟢 chainwatch is running. This chat watches " + watches + " of at most " + max + ".\n\n" + coverage;
    }

    String chainList() {
        return chains.stream().map(c -> {
            List<String> aliases = c.preset().aliases();
            return "<code>" + c.name() + "</code>" + (aliases.isEmpty() ? "" : " (" + String.join(", ", aliases) + ")");
        }).collect(Collectors.joining(", "));
    }

    static String labelSuffix(String label) {
        return label == null || label.isEmpty() ? "" : " as “" + Html.escape(label) + "”";
    }
}
