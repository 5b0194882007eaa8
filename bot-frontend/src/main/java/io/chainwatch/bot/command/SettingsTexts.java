package io.chainwatch.bot.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.chainwatch.bot.chain.NativeAmount;
import io.chainwatch.bot.store.ChatPreferences;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.bot.text.Html;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.telegram.QuietHours;

/**
 * The texts of {@code /settings}: the overview, what a change did, and every mistake in its arguments. Telegram HTML;
 * user input is escaped here. Thread-safe.
 */
final class SettingsTexts {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final List<ChainConfig> chains;
    private final Replies replies;

    SettingsTexts(List<ChainConfig> chains, Replies replies) {
        this.chains = List.copyOf(chains);
        this.replies = replies;
    }

    String overview(WatchStore.ChatSettings settings, int watches, int max) {
        StringBuilder out = new StringBuilder("⚙️ <b>Settings of this chat</b>\n\n<b>Confirmations</b> before a"
                + " notification:\n");
        for (ChainConfig chain : chains) {
            Integer own = settings.confirmations().get(chain.name());
            out.append("• ").append(Html.escape(chain.preset().displayName())).append(": ").append(own == null
                    ? chain.confirmations() + " (default)"
                    : own).append('\n');
        }
        out.append("<b>Minimum value</b>:\n");
        for (ChainConfig chain : chains) {
            BigInteger wei = settings.minimumWei().get(chain.name());
            BigDecimal usd = settings.minimumUsd().get(chain.name());
            out.append("• ").append(Html.escape(chain.preset().displayName())).append(": ").append(usd != null
                    ? dollars(usd) + " (every amount the bot can price)"
                    : wei != null ? coins(chain, wei) + " (native transfers)" : "none").append('\n');
        }
        ChatPreferences p = settings.preferences();
        out.append("<b>Kinds</b>: ").append(kinds(p)).append('\n');
        out.append("<b>Quiet hours</b>: ").append(p.quietHours() == null
                ? "off"
                : Html.escape(p.quietHours().text()) + " (alerts arrive without sound)").append('\n');
        out.append("<b>Spam</b>: ").append(p.hideSpam() ? "hidden" : "shown, marked 🚩 possible spam").append('\n');
        out.append("Watches: ").append(watches).append(" of ").append(max).append("\n\n<b>Change</b>:\n");
        for (Usage usage : List.of(Usage.CONFIRMATIONS, Usage.MINIMUM, Usage.KINDS, Usage.QUIET, Usage.SPAM)) {
            out.append("<code>").append(usage.syntaxHtml).append("</code>\n");
        }
        return out.toString().stripTrailing();
    }

    String minimumSet(List<ChainConfig> targets, BigDecimal coins, int watchesUpdated) {
        String what = targets.stream()
                .map(c -> "<b>" + Html.escape(c.preset().displayName()) + "</b>: " + (coins == null
                        ? "every native transfer is reported"
                        : "native transfers below " + coins.toPlainString() + " "
                                + Html.escape(c.preset().nativeSymbol())
                                + " are not reported"))
                .collect(Collectors.joining("\n"));
        return "✅ " + what + (coins == null ? "" : "\nTokens, NFTs and tracked transactions are not affected.")
                + updated(watchesUpdated);
    }

    String kindsSet(ChatPreferences after, int watchesUpdated) {
        return "✅ This chat now hears about " + kinds(after) + "." + updated(watchesUpdated);
    }

    String wouldSilence(ChatPreferences current) {
        return "❌ That would switch off every notification: keep at least one of native, tokens, nfts and one of in,"
                + " out, or approvals. To stop watching, use /unwatch; to keep nights silent, <code>/settings quiet 22:00-07:00</code>."
                + "\nNow: " + kinds(current) + ".";
    }

    String quietSet(QuietHours hours, Instant now, int watchesUpdated) {
        if (hours == null) {
            return "🔔 Quiet hours are off: every alert arrives with sound." + updated(watchesUpdated);
        }
        String localNow = HH_MM.format(LocalTime.ofInstant(now, hours.zone()));
        return "🌙 Quiet hours: <b>" + Html.escape(hours.text()) + "</b>. Alerts in this window arrive without sound;"
                + " nothing is held back. It is " + localNow + " there now (" + (hours.isQuietAt(now)
                        ? "quiet"
                        : "not quiet")
                + ")." + updated(watchesUpdated);
    }

    String spamSet(boolean hide, int watchesUpdated) {
        return (hide
                ? "🧹 Transfers that look like spam or address poisoning are now hidden."
                : "🚩 Transfers that look like spam or address poisoning are now shown, marked as possible spam.")
                + updated(watchesUpdated);
    }

    String minimumUsdSet(List<ChainConfig> targets, BigDecimal usd, int watchesUpdated) {
        String chains = targets.stream().map(c -> "<b>" + Html.escape(c.preset().displayName()) + "</b>").collect(
                Collectors.joining(", "));
        return "✅ " + chains + ": transfers worth less than " + dollars(usd) + " are not reported.\n"
                + "Valued with the chain's own price feeds at the transfer's block; an amount the bot cannot price "
                + "(no feed, or the feed is down) is always reported. NFTs and tracked transactions are not affected."
                + updated(watchesUpdated);
    }

    String badDollars(String given) {
        return "❌ <code>" + Html.echo(given, 40) + "</code> is not a dollar amount. Write it like <code>$100</code>, "
                + "<code>$99.50</code> or <code>$1,000</code> (at most cents, up to $"
                + SettingsParser.MAX_DOLLARS.toBigInteger() + ").\n" + replies.usage(Usage.MINIMUM);
    }

    /** {@code $100}, {@code $99.50}, {@code $1,000}. */
    static String dollars(BigDecimal usd) {
        java.text.DecimalFormat format = new java.text.DecimalFormat(usd.scale() > 0 ? "#,##0.00" : "#,##0",
                java.text.DecimalFormatSymbols.getInstance(Locale.US));
        return "$" + format.format(usd);
    }

    String unknownSetting(String given) {
        return "🤔 There is no setting <b>" + Html.echo(given, 32) + "</b>. Settings: confirmations, min, kinds, quiet,"
                + " spam.\n" + replies.usage(Usage.SETTINGS);
    }

    String wrongUnit(String given, List<ChainConfig> targets) {
        String units = targets.stream().map(c -> Html.escape(c.preset().nativeSymbol()) + " on " + Html.escape(c
                .preset().displayName())).collect(Collectors.joining(", "));
        return "❌ A minimum is in the chain's native coin (" + units + ") or in dollars (<code>$100</code>), not <code>"
                + Html.echo(given, 20) + "</code>.\n" + replies.usage(Usage.MINIMUM);
    }

    String badAmount(String given, NativeAmount.Parsed problem) {
        String echo = "<code>" + Html.echo(given, 40) + "</code>";
        String why = switch (problem) {
            case NativeAmount.Parsed.Negative n -> "A minimum cannot be negative: " + echo + ".";
            case NativeAmount.Parsed.Comma c -> "Please write decimals with a dot: <code>" + Html.echo(given.replace(
                    ',', '.'), 40) + "</code> instead of " + echo + ".";
            case NativeAmount.Parsed.TooPrecise t -> echo + " has more than " + t.decimals()
                    + " decimal places, which the coin does not have.";
            case NativeAmount.Parsed.TooLarge l -> echo + " is more than " + NativeAmount.MAX_COINS.toPlainString()
                    + " coins: surely a typo.";
            case NativeAmount.Parsed.NotANumber n -> echo + " is not an amount; write it like <code>0.5</code> (or"
                    + " <code>off</code>).";
            case NativeAmount.Parsed.Amount a -> echo + " is fine.";
        };
        return "❌ " + why + "\n" + replies.usage(Usage.MINIMUM);
    }

    String unknownKind(String given) {
        return "❌ I don't know the kind <code>" + Html.echo(given, 32) + "</code>. Kinds: <code>native</code> (the"
                + " chain's coin), <code>tokens</code>, <code>nfts</code>, <code>in</code>, <code>out</code>, or"
                + " <code>all</code>.\n" + replies.usage(Usage.KINDS);
    }

    String mixedKinds() {
        return "❌ Either list the kinds you want (<code>/settings kinds tokens in</code>) or switch some on and off"
                + " (<code>/settings kinds +tokens -nfts</code>), not both at once.\n" + replies.usage(Usage.KINDS);
    }

    String badQuietHours(String given) {
        return "❌ I can't read <code>" + Html.echo(given, 40) + "</code> as quiet hours: write them as"
                + " <code>HH:MM-HH:MM</code> with an optional time zone, or <code>off</code>.\n" + replies.usage(
                        Usage.QUIET);
    }

    String badTimeOfDay(String given) {
        return "❌ Times go from 00:00 to 23:59; <code>" + Html.echo(given, 40) + "</code> is outside that.\n"
                + replies.usage(Usage.QUIET);
    }

    String emptyQuietHours() {
        return "❌ Quiet hours must start and end at different times.\n" + replies.usage(Usage.QUIET);
    }

    String unknownZone(String given) {
        return "❌ I don't know the time zone <code>" + Html.echo(given, 40) + "</code>. Use a region name such as"
                + " <code>Europe/Berlin</code> or <code>America/New_York</code>, or an offset such as"
                + " <code>UTC+2</code>; without one, UTC.\n" + replies.usage(Usage.QUIET);
    }

    String badSpamChoice(String given) {
        return "❌ Spam can be <code>hide</code> or <code>show</code>, not <code>" + Html.echo(given, 20)
                + "</code>.\n" + replies.usage(Usage.SPAM);
    }

    /** {@code native coins and tokens · incoming and outgoing}. */
    static String kinds(ChatPreferences p) {
        List<String> assets = new ArrayList<>();
        if (p.nativeTransfers()) {
            assets.add("native coins");
        }
        if (p.tokens()) {
            assets.add("tokens");
        }
        if (p.nfts()) {
            assets.add("NFTs");
        }
        String directions = p.incoming() && p.outgoing()
                ? "incoming and outgoing"
                : p.incoming() ? "incoming only" : p.outgoing() ? "outgoing only" : "no direction";
        String transfers = (assets.isEmpty() ? "no transfers" : and(assets)) + ", " + directions;
        return p.approvals() ? transfers + ", and approvals" : transfers + ", no approvals";
    }

    private static String and(List<String> items) {
        return items.size() == 1
                ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String coins(ChainConfig chain, BigInteger wei) {
        return NativeAmount.format(wei, chain.preset().nativeDecimals()) + " " + Html.escape(chain.preset()
                .nativeSymbol());
    }

    private static String updated(int watches) {
        return watches == 0 ? "" : " (" + watches + " watch" + (watches == 1 ? "" : "es") + " updated)";
    }
}
