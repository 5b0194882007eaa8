package io.chainwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
                Arguments.of("/watch", "Usage: <code>/watch &lt;chain&gt; &lt;address&gt; [label]"),
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
                Arguments.of("/settings colour blue", "Usage: <code>/settings confirmations"),
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
