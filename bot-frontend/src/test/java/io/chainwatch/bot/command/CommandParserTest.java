package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.chainwatch.bot.TelegramHtmlCheck;
import io.chainwatch.bot.TestChains;
import io.chainwatch.bot.store.ChatPreferences.Kind;
import io.chainwatch.telegram.QuietHours;

class CommandParserTest {

    static final String ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String ADDRESS_LOWER = ADDRESS.toLowerCase();
    /** {@link #ADDRESS} with the case of one letter flipped: the checksum no longer matches. */
    static final String ADDRESS_FLIPPED = "0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String TX = "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b";

    private final CommandParser parser = new CommandParser(TestChains.CHAINS, new Replies(TestChains.CHAINS));

    static Stream<Arguments> validCommands() {
        var eth = TestChains.chain("ethereum");
        var bsc = TestChains.chain("bsc");
        var devnet = TestChains.chain("devnet");
        return Stream.of(
                Arguments.of("/start", new Command.Start()),
                Arguments.of("  /start", new Command.Start()),
                Arguments.of("/START", new Command.Start()),
                Arguments.of("/start@chainwatch_bot", new Command.Start()),
                Arguments.of("/start@ChainWatch_Bot", new Command.Start()),
                Arguments.of("/start@other_bot", new Command.NotForMe()),
                Arguments.of("/help", new Command.Help()),
                Arguments.of("/help extra words", new Command.Help()),
                Arguments.of("/watch eth " + ADDRESS, new Command.Watch(eth, ADDRESS_LOWER, null)),
                Arguments.of("/watch eth Vitalik.ETH", new Command.WatchName(eth, "vitalik.eth", null)),
                Arguments.of("/watch bsc alice.eth hot wallet", new Command.WatchName(bsc, "alice.eth",
                        "hot wallet")),
                Arguments.of("/watch@chainwatch_bot ethereum " + ADDRESS, new Command.Watch(eth, ADDRESS_LOWER, null)),
                Arguments.of("/watch ETH " + ADDRESS_LOWER, new Command.Watch(eth, ADDRESS_LOWER, null)),
                Arguments.of("/watch bnb " + ADDRESS.toUpperCase().replace("0X", "0x"), new Command.Watch(bsc,
                        ADDRESS_LOWER, null)),
                Arguments.of("/watch anvil " + ADDRESS + " cold wallet", new Command.Watch(devnet, ADDRESS_LOWER,
                        "cold wallet")),
                Arguments.of("/watch eth " + ADDRESS + "   two\n lines\ttabs ", new Command.Watch(eth, ADDRESS_LOWER,
                        "two lines tabs")),
                Arguments.of("/watch eth " + ADDRESS + " \u202Eevil\u200F label", new Command.Watch(eth, ADDRESS_LOWER,
                        "evil label")),
                Arguments.of("/watch eth " + ADDRESS + " <b>&amp;</b>", new Command.Watch(eth, ADDRESS_LOWER,
                        "<b>&amp;</b>")),
                Arguments.of("/watch eth " + ADDRESS + " " + "é".repeat(64), new Command.Watch(eth, ADDRESS_LOWER, "é"
                        .repeat(64))),
                Arguments.of("/watch eth " + ADDRESS + " 👨‍👩‍👧 family", new Command.Watch(eth, ADDRESS_LOWER,
                        "👨‍👩‍👧 family")),
                Arguments.of("/unwatch eth " + ADDRESS, new Command.Unwatch(eth, ADDRESS_LOWER)),
                Arguments.of("/unwatch eth " + ADDRESS_FLIPPED, new Command.Unwatch(eth, ADDRESS_LOWER)),
                Arguments.of("/track eth " + TX, new Command.Track(eth, TX, null)),
                Arguments.of("/track bsc " + TX.toUpperCase().replace("0X", "0x") + " payout", new Command.Track(bsc,
                        TX, "payout")),
                Arguments.of("/untrack eth " + TX, new Command.Untrack(eth, TX)),
                Arguments.of("/list", new Command.ListWatches(0)),
                Arguments.of("/list 3", new Command.ListWatches(2)),
                Arguments.of("/settings", new Command.ShowSettings()),
                Arguments.of("/settings confirmations eth 12", new Command.SetConfirmations(List.of(eth), 12)),
                Arguments.of("/settings confirmations bsc 0", new Command.SetConfirmations(List.of(bsc), 0)),
                Arguments.of("/settings confirmations all default", new Command.SetConfirmations(TestChains.CHAINS,
                        null)),
                Arguments.of("/settings conf bnb 7", new Command.SetConfirmations(List.of(bsc), 7)),
                Arguments.of("/settings min eth 0.5", new Command.SetMinimum(List.of(eth), new BigDecimal("0.5"))),
                Arguments.of("/settings min eth 0.50 ETH", new Command.SetMinimum(List.of(eth), new BigDecimal(
                        "0.5"))),
                Arguments.of("/settings MIN bnb .25 bnb", new Command.SetMinimum(List.of(bsc), new BigDecimal(
                        "0.25"))),
                Arguments.of("/settings min all 2", new Command.SetMinimum(TestChains.CHAINS, new BigDecimal("2"))),
                Arguments.of("/settings min eth 100", new Command.SetMinimum(List.of(eth), new BigDecimal("1E+2"))),
                Arguments.of("/settings min eth 0.000000000000000001", new Command.SetMinimum(List.of(eth),
                        new BigDecimal("1E-18"))),
                Arguments.of("/settings min eth off", new Command.SetMinimum(List.of(eth), null)),
                Arguments.of("/settings min all $100", new Command.SetMinimumUsd(TestChains.CHAINS, new BigDecimal(
                        "1E+2"))),
                Arguments.of("/settings min eth 99.5$", new Command.SetMinimumUsd(List.of(eth), new BigDecimal(
                        "99.5"))),
                Arguments.of("/settings min bnb 1,250 USD", new Command.SetMinimumUsd(List.of(bsc), new BigDecimal(
                        "1.25E+3"))),
                Arguments.of("/settings min eth $0", new Command.SetMinimum(List.of(eth), null)),
                Arguments.of("/settings min all 0", new Command.SetMinimum(TestChains.CHAINS, null)),
                Arguments.of("/settings kinds tokens", new Command.SetKinds(Map.of(Kind.NATIVE, false, Kind.TOKENS,
                        true, Kind.NFTS, false, Kind.APPROVALS, false))),
                Arguments.of("/settings kinds native nft in", new Command.SetKinds(Map.of(Kind.NATIVE, true,
                        Kind.TOKENS, false, Kind.NFTS, true, Kind.APPROVALS, false, Kind.IN, true, Kind.OUT, false))),
                Arguments.of("/settings kinds approvals", new Command.SetKinds(Map.of(Kind.NATIVE, false,
                        Kind.TOKENS, false, Kind.NFTS, false, Kind.APPROVALS, true))),
                Arguments.of("/settings kinds -approvals", new Command.SetKinds(Map.of(Kind.APPROVALS, false))),
                Arguments.of("/settings kinds outgoing", new Command.SetKinds(Map.of(Kind.IN, false, Kind.OUT,
                        true))),
                Arguments.of("/settings kinds +tokens -NFTs", new Command.SetKinds(Map.of(Kind.TOKENS, true,
                        Kind.NFTS, false))),
                Arguments.of("/settings kinds all", new Command.SetKinds(Map.of(Kind.NATIVE, true, Kind.TOKENS, true,
                        Kind.NFTS, true, Kind.APPROVALS, true, Kind.IN, true, Kind.OUT, true))),
                Arguments.of("/settings quiet 22:00-07:00 Europe/Berlin", new Command.SetQuietHours(QuietHours
                        .parse("22:00-07:00 Europe/Berlin").orElseThrow())),
                Arguments.of("/settings quiet 1:30 - 6:00", new Command.SetQuietHours(new QuietHours(LocalTime.of(1,
                        30), LocalTime.of(6, 0), ZoneOffset.UTC))),
                Arguments.of("/settings quiet 23:00-08:00 UTC+2", new Command.SetQuietHours(new QuietHours(LocalTime
                        .of(23, 0), LocalTime.of(8, 0), ZoneOffset.ofHours(2)))),
                Arguments.of("/settings quiet off", new Command.SetQuietHours(null)),
                Arguments.of("/settings spam hide", new Command.SetHideSpam(true)),
                Arguments.of("/settings spam SHOW", new Command.SetHideSpam(false)),
                Arguments.of("/status", new Command.Status()),
                Arguments.of("/stats", new Command.Stats()),
                Arguments.of("/frobnicate", new Command.Unknown("frobnicate")),
                Arguments.of("hello", new Command.PlainText()),
                Arguments.of("", new Command.PlainText()),
                Arguments.of("   ", new Command.PlainText()),
                Arguments.of(null, new Command.PlainText()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validCommands")
    void shouldParseCommandWhenInputIsWellFormed(String input, Command expected) {
        assertThat(parser.parse(input, "chainwatch_bot")).isEqualTo(expected);
    }

    static Stream<Arguments> invalidCommands() {
        String tooLong = "x".repeat(65);
        return Stream.of(
                Arguments.of("/watch", "Usage: <code>/watch &lt;chain&gt; &lt;address or ENS name&gt; [label]"),
                Arguments.of("/watch eth <b>x</b>.eth", "<code>&lt;b&gt;x&lt;/b&gt;.eth</code> is not an ENS name I can"
                        + " look up: it contains a character ENS names may not have (U+003C)"),
                Arguments.of("/watch eth alice..eth", "is not an ENS name I can look up: it has an empty label"),
                Arguments.of("/watch eth alice.eth " + "x".repeat(65), "A label can be at most 64 characters"),
                Arguments.of("/watch eth", "Usage: <code>/watch"),
                Arguments.of("/watch dogechain " + ADDRESS, "<b>dogechain</b> is not a chain I know. Valid chains:"
                        + " <code>ethereum</code> (eth, mainnet), <code>bsc</code>"),
                Arguments.of("/watch polygon " + ADDRESS, "<b>polygon</b> is not enabled on this chainwatch"),
                Arguments.of("/watch <script> " + ADDRESS, "<b>&lt;script&gt;</b> is not a chain I know"),
                Arguments.of("/watch eth 5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "does not start with 0x"),
                Arguments.of("/watch eth 0x123", "An address has 40 hex characters after 0x; <code>0x123</code> has 3"),
                Arguments.of("/watch eth " + ADDRESS + "00", "has 42"),
                Arguments.of("/watch eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeZ", "characters other than 0-9"),
                Arguments.of("/watch eth 0x５aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "characters other than 0-9"),
                Arguments.of("/watch eth " + ADDRESS_FLIPPED, "checksum"),
                Arguments.of("/watch eth " + ADDRESS + " " + tooLong, "at most 64 characters; yours has 65"),
                Arguments.of("/unwatch", "Usage: <code>/unwatch"),
                Arguments.of("/unwatch eth 0x12", "has 2"),
                Arguments.of("/unwatch solana " + ADDRESS, "is not a chain I know"),
                Arguments.of("/track", "Usage: <code>/track"),
                Arguments.of("/track eth 0x88df", "A transaction hash has 64 hex characters after 0x;"),
                Arguments.of("/track eth " + ADDRESS, "has 40"),
                Arguments.of("/track eth " + TX + " " + tooLong, "at most 64"),
                Arguments.of("/track nope " + TX, "is not a chain I know"),
                Arguments.of("/untrack eth", "Usage: <code>/untrack"),
                Arguments.of("/untrack eth 88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b",
                        "does not start with 0x"),
                Arguments.of("/list abc", "Usage: <code>/list [page]"),
                Arguments.of("/list 0", "Usage: <code>/list [page]"),
                Arguments.of("/settings colour blue", "There is no setting <b>colour</b>. Settings: confirmations,"
                        + " min, kinds, quiet, spam"),
                Arguments.of("/settings <b>", "There is no setting <b>&lt;b&gt;</b>"),
                Arguments.of("/settings min",
                        "Usage: <code>/settings min &lt;chain|all&gt; &lt;amount|$amount|off&gt;"),
                Arguments.of("/settings min eth", "Usage: <code>/settings min"),
                Arguments.of("/settings min eth 1 ETH extra", "Usage: <code>/settings min"),
                Arguments.of("/settings min doge 1", "<b>doge</b> is not a chain I know"),
                Arguments.of("/settings min polygon 1", "<b>polygon</b> is not enabled"),
                Arguments.of("/settings min eth -0.5", "cannot be negative"),
                Arguments.of("/settings min eth 0,5", "Please write decimals with a dot: <code>0.5</code>"),
                Arguments.of("/settings min eth 1e9", "<code>1e9</code> is not an amount"),
                Arguments.of("/settings min eth abc", "<code>abc</code> is not an amount"),
                Arguments.of("/settings min eth $1.005", "<code>$1.005</code> is not a dollar amount"),
                Arguments.of("/settings min eth $-5", "is not a dollar amount"),
                Arguments.of("/settings min eth $1,00", "is not a dollar amount"),
                Arguments.of("/settings min eth $1000000000000", "is not a dollar amount"),
                Arguments.of("/settings min eth $<b>1</b>", "<code>$&lt;b&gt;1&lt;/b&gt;</code> is not a dollar"),
                Arguments.of("/settings min eth <b>1</b>", "<code>&lt;b&gt;1&lt;/b&gt;</code> is not an amount"),
                Arguments.of("/settings min eth 0.0000000000000000001", "more than 18 decimal places"),
                Arguments.of("/settings min eth 1000000000001", "surely a typo"),
                Arguments.of("/settings min eth 1 BNB",
                        "in the chain's native coin (ETH on Ethereum) or in dollars (<code>$100</code>), not"
                                + " <code>BNB</code>"),
                Arguments.of("/settings min all 1 ETH", "ETH on Ethereum, BNB on BNB Smart Chain"),
                Arguments.of("/settings kinds", "Usage: <code>/settings kinds"),
                Arguments.of("/settings kinds spam", "I don't know the kind <code>spam</code>"),
                Arguments.of("/settings kinds +", "I don't know the kind <code>+</code>"),
                Arguments.of("/settings kinds tokens +nfts", "not both at once"),
                Arguments.of("/settings kinds all -nfts", "not both at once"),
                Arguments.of("/settings quiet", "Usage: <code>/settings quiet"),
                Arguments.of("/settings quiet tonight", "can't read <code>tonight</code> as quiet hours"),
                Arguments.of("/settings quiet 22-7", "can't read <code>22-7</code>"),
                Arguments.of("/settings quiet 25:00-07:00", "Times go from 00:00 to 23:59"),
                Arguments.of("/settings quiet 22:00-07:61", "Times go from 00:00 to 23:59"),
                Arguments.of("/settings quiet 07:00-07:00", "must start and end at different times"),
                Arguments.of("/settings quiet 22:00-07:00 Mars/Olympus", "don't know the time zone"
                        + " <code>Mars/Olympus</code>"),
                Arguments.of("/settings quiet 22:00-07:00 EST", "don't know the time zone <code>EST</code>"),
                Arguments.of("/settings quiet 22:00-07:00 UTC+15", "don't know the time zone <code>UTC+15</code>"),
                Arguments.of("/settings quiet 22:00-07:00 <i>x</i>", "<code>&lt;i&gt;x&lt;/i&gt;</code>"),
                Arguments.of("/settings spam", "Usage: <code>/settings spam &lt;hide|show&gt;"),
                Arguments.of("/settings spam maybe", "Spam can be <code>hide</code> or <code>show</code>, not"
                        + " <code>maybe</code>"),
                Arguments.of("/settings spam hide now", "Usage: <code>/settings spam"),
                Arguments.of("/settings confirmations eth", "Usage: <code>/settings confirmations"),
                Arguments.of("/settings confirmations eth 1001", "from 0 to 1000"),
                Arguments.of("/settings confirmations eth -1", "from 0 to 1000"),
                Arguments.of("/settings confirmations mars 3", "<b>mars</b> is not a chain I know"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidCommands")
    void shouldExplainWhatIsWrongWhenInputIsMalformed(String input, String expectedFragment) {
        Command command = parser.parse(input, "chainwatch_bot");

        assertThat(command).isInstanceOf(Command.Invalid.class);
        String reply = ((Command.Invalid) command).replyHtml();
        assertThat(reply).contains(expectedFragment);
        assertThat(TelegramHtmlCheck.plainText(reply)).hasSizeLessThanOrEqualTo(4096);
    }

    @Test
    void shouldAcceptAnyAddresseeWhenBotNameIsUnknown() {
        assertThat(parser.parse("/help@whoever", null)).isEqualTo(new Command.Help());
    }

    @Test
    void shouldMarkOnlyChangingCommandsAsMutating() {
        assertThat(parser.parse("/watch eth " + ADDRESS, null).mutates()).isTrue();
        assertThat(parser.parse("/unwatch eth " + ADDRESS, null).mutates()).isTrue();
        assertThat(parser.parse("/track eth " + TX, null).mutates()).isTrue();
        assertThat(parser.parse("/untrack eth " + TX, null).mutates()).isTrue();
        assertThat(parser.parse("/settings confirmations eth 3", null).mutates()).isTrue();
        assertThat(parser.parse("/list", null).mutates()).isFalse();
        assertThat(parser.parse("/settings", null).mutates()).isFalse();
        assertThat(parser.parse("/settings min eth 1", null).mutates()).isTrue();
        assertThat(parser.parse("/settings kinds -nfts", null).mutates()).isTrue();
        assertThat(parser.parse("/settings quiet off", null).mutates()).isTrue();
        assertThat(parser.parse("/settings spam hide", null).mutates()).isTrue();
    }

    @Test
    void shouldParseGasWithChainNameOrAliasWhenUserAsksFees() {
        assertThat(parser.parse("/gas eth", null)).isEqualTo(new Command.Gas(TestChains.chain("ethereum")));
        assertThat(parser.parse("/gas BNB", null)).isEqualTo(new Command.Gas(TestChains.chain("bsc")));
        assertThat(parser.parse("/gas", null)).isInstanceOfSatisfying(Command.Invalid.class, i -> assertThat(i
                .replyHtml()).contains("/gas &lt;chain&gt;"));
        assertThat(parser.parse("/gas polygon", null)).isInstanceOfSatisfying(Command.Invalid.class, i -> assertThat(i
                .replyHtml()).contains("is not enabled"));
        assertThat(parser.parse("/gas eth", null).mutates()).isFalse();
    }

    @Test
    void shouldTakeTheOnlyChainWhenGasHasNoArgumentAndOneChainIsConfigured() {
        var devnet = java.util.List.of(TestChains.chain("devnet"));
        assertThat(new CommandParser(devnet, new Replies(devnet)).parse("/gas", null)).isEqualTo(new Command.Gas(
                TestChains.chain("devnet")));
    }
}
