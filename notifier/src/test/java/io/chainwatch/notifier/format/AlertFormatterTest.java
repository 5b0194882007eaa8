package io.chainwatch.notifier.format;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.chainwatch.names.AddressBook;
import io.chainwatch.notifier.TestAlerts;
import io.chainwatch.notifier.format.AlertFormatter.Message;
import io.chainwatch.schema.Addresses;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.TxStatus;

class AlertFormatterTest {

    private static final String USDT = "0xdAC17F958D2ee523a2206206994597C13D831ec7";
    private final AlertFormatter formatter = new AlertFormatter();

    static Stream<Arguments> headlines() {
        return Stream.of(
                Arguments.of(alert().kind(AlertKind.NATIVE_IN), "⬇️ Incoming 1.5 ETH"),
                Arguments.of(alert().kind(AlertKind.NATIVE_OUT).amount("2000000000000000000"), "⬆️ Outgoing 2 ETH"),
                Arguments.of(alert().chain("bsc").amount("10000000000000000"), "⬇️ Incoming 0.01 BNB"),
                Arguments.of(alert().chain("polygon").amount("1"), "0.000000000000000001 POL"),
                Arguments.of(alert().kind(AlertKind.INTERNAL_IN), "⬇️ Incoming 1.5 ETH (internal)"),
                Arguments.of(alert().kind(AlertKind.TOKEN_IN).amount("1000000").token(USDT),
                        "🪙 Token received: 1000000 units of token 0xdAC1…1ec7"),
                Arguments.of(alert().kind(AlertKind.TOKEN_OUT).amount("5").token(USDT), "🪙 Token sent: 5 units"),
                Arguments.of(alert().kind(AlertKind.NFT_IN).amount("1").tokenId("1234").token(USDT),
                        "🖼 NFT received: #1234 of 0xdAC1…1ec7"),
                Arguments.of(alert().kind(AlertKind.NFT_OUT).amount("1").tokenId("9").token(USDT), "🖼 NFT sent: #9"),
                Arguments.of(alert().kind(AlertKind.NFT_IN).amount("5").tokenId("7").token(USDT),
                        "🖼 NFT received: 5 × #7 of 0xdAC1…1ec7"),
                Arguments.of(alert().kind(AlertKind.NFT_IN).amount("2,1,3").tokenId("7,8,9").token(USDT).flags(
                        "BATCH"), "🖼 NFT received: 2 × #7, #8, 3 × #9 of 0xdAC1…1ec7"),
                Arguments.of(alert().kind(AlertKind.CONTRACT_CREATED).to(USDT), "📜 Contract created"),
                Arguments.of(alert().kind(AlertKind.TX_MINED).status(TxStatus.SUCCESS),
                        "✅ Transaction mined — succeeded"),
                Arguments.of(alert().kind(AlertKind.TX_MINED).status(TxStatus.FAILED), "❌ Transaction mined — failed"),
                Arguments.of(alert().chain("mychain").amount("7"), "⬇️ Incoming 7 (smallest units)"));
    }

    @Test
    void shouldNameACounterpartyTheOperatorsAddressBookNamesAndStillShowItsAddress() {
        AddressBook book = AddressBook.parse(List.of(TestAlerts.FROM + " Binance <14>", "bsc:"
                + TestAlerts.WATCHED + " only on BSC"), "labels");
        AlertFormatter named = new AlertFormatter((chain, token) -> Optional.empty(), book);

        String incoming = named.format(alert().kind(AlertKind.NATIVE_IN).build());
        String outgoing = named.format(alert().kind(AlertKind.NATIVE_OUT).from(TestAlerts.WATCHED).to(
                TestAlerts.FROM).build());

        assertThat(incoming).contains("From: <b>Binance &lt;14&gt;</b> <code>" + Addresses.checksummed(TestAlerts.FROM)
                + "</code>\n");
        assertThat(outgoing).contains("To: <b>Binance &lt;14&gt;</b> <code>");
        assertThat(named.format(alert().kind(AlertKind.NATIVE_IN).from(TestAlerts.WATCHED).build())).as(
                "a name for another chain").doesNotContain("only on BSC");
        assertThat(formatter.format(alert().kind(AlertKind.NATIVE_IN).build())).doesNotContain("Binance");
    }

    @Test
    void shouldStrikeThroughTheOriginalAnnouncementWhenItsBlockWasOrphaned() {
        Alert original = alert().chain("devnet").block(42).build();
        Alert orphaned = alert().chain("devnet").block(42).phase(AlertPhase.ORPHANED).build();

        String edit = formatter.orphanedEdit(orphaned);

        assertThat(edit).startsWith("<s>" + formatter.format(original) + "</s>\n").endsWith(
                "⚠️ <b>Block 42 was orphaned by a reorg; this transaction is no longer confirmed</b>");
        assertThat(edit).contains(TestAlerts.TX).hasSizeLessThanOrEqualTo(AlertFormatter.MAX_MESSAGE_CHARS);
    }

    @Test
    void shouldShowTheNewDepthWhenAProgressStepEditsTheAnnouncement() {
        Alert original = alert().chain("devnet").block(42).confirmations(0, 0).build();
        Alert progress = alert().chain("devnet").block(42).confirmations(6, 0).phase(AlertPhase.PROGRESS).build();

        String edit = formatter.progressEdit(progress);

        assertThat(formatter.format(original)).contains("Block 42 · 0 confirmations");
        assertThat(edit).contains("Block 42 · 6 confirmations").contains(TestAlerts.TX).doesNotContain("0 confirm")
                .isEqualTo(formatter.format(original).replace("0 confirmations", "6 confirmations"));
    }

    @Test
    void shouldShowTokenAmountsInHumanUnitsWithTheSymbolAndTheContractWhenTheTokenIsKnown() {
        AlertFormatter withTokens = new AlertFormatter((chain, token) -> chain.equals("ethereum") && token.equals(USDT)
                ? Optional.of(new TokenMetadata("USDT", 6))
                : Optional.empty());

        assertThat(withTokens.format(alert().kind(AlertKind.TOKEN_IN).amount("1500000").token(USDT).build()))
                .contains("🪙 Token received: 1.5 USDT (0xdAC1…1ec7)");
        assertThat(withTokens.format(alert().kind(AlertKind.TOKEN_OUT).chain("bsc").amount("1500000").token(USDT)
                .build())).contains("🪙 Token sent: 1500000 units of token 0xdAC1…1ec7");
    }

    @Test
    void shouldShowTheDollarValueBesideAnAmountWhenItIsKnown() {
        AlertFormatter priced = new AlertFormatter((chain, token) -> Optional.of(new TokenMetadata("USDT", 6)),
                AddressBook.empty(), AlertFormatter.NameLookup.NONE,
                alert -> Optional.of(new java.math.BigDecimal(alert.getAmount().length() > 10
                        ? "5112.18"
                        : "1.5")));

        assertThat(priced.format(alert().kind(AlertKind.NATIVE_IN).amount("1500000000000000000").build()))
                .contains("⬇️ Incoming 1.5 ETH (≈ $5,112)");
        assertThat(priced.format(alert().kind(AlertKind.INTERNAL_OUT).amount("1500000000000000000").build()))
                .contains("⬆️ Outgoing 1.5 ETH (≈ $5,112) (internal)");
        assertThat(priced.format(alert().kind(AlertKind.TOKEN_IN).amount("1500000").token(USDT).build()))
                .contains("🪙 Token received: 1.5 USDT (≈ $1.50; 0xdAC1…1ec7)");
        assertThat(priced.firstMessage(List.of(alert().kind(AlertKind.NATIVE_IN).amount("1500000000000000000")
                .build(),
                alert().tx("0x" + "cd".repeat(32)).kind(AlertKind.NATIVE_IN).amount("1500000000000000000")
                        .build()))
                .text()).contains("⬇️ Incoming 1.5 ETH (≈ $5,112) · Ethereum");
        assertThat(formatter.format(alert().kind(AlertKind.NATIVE_IN).amount("1500000000000000000").build()))
                .as("no price, no dollar value").doesNotContain("$");
    }

    @Test
    void shouldEscapeATokenSymbol() {
        AlertFormatter withTokens = new AlertFormatter((chain, token) -> Optional.of(new TokenMetadata(
                "<b>&\"X", 0)));

        String text = withTokens.format(alert().kind(AlertKind.TOKEN_IN).amount("7").token(USDT).build());

        assertThat(text).contains("7 &lt;b&gt;&amp;&quot;X (0xdAC1…1ec7)").doesNotContain("<b>&");
    }

    @ParameterizedTest
    @MethodSource("headlines")
    void shouldDescribeWhatHappenedInHumanUnits(TestAlerts given, String expected) {
        assertThat(formatter.format(given.build())).contains(expected);
    }

    static Stream<Arguments> chains() {
        return Stream.of(Arguments.of("ethereum", "Ethereum", "https://etherscan.io/tx/"), Arguments.of("bsc",
                "BNB Smart Chain", "https://bscscan.com/tx/"),
                Arguments.of("arbitrum", "Arbitrum One",
                        "https://arbiscan.io/tx/"),
                Arguments.of("base", "Base", "https://basescan.org/tx/"));
    }

    @ParameterizedTest
    @MethodSource("chains")
    void shouldNameTheChainAndLinkTheFullHashWhenTheChainHasAnExplorer(String chain, String name, String explorer) {
        String text = formatter.format(alert().chain(chain).build());

        assertThat(text).contains("<b>" + name + "</b>").contains("<a href=\"" + explorer + TestAlerts.TX + "\">"
                + TestAlerts.TX + "</a>");
    }

    @Test
    void shouldShowTheFullHashInCodeWhenTheChainHasNoExplorer() {
        String text = formatter.format(alert().chain("devnet").build());

        assertThat(text).contains("Devnet").contains("<code>" + TestAlerts.TX + "</code>").doesNotContain("href");
    }

    @Test
    void shouldShowCounterpartyLabelBlockAndConfirmations() {
        String text = formatter.format(alert().label("Cold wallet").block(123).build());

        assertThat(text).contains("🏷 Cold wallet").contains("From: <code>" + TestAlerts.FROM + "</code>").contains(
                "Block 123 · 2 confirmations (of 2)");
    }

    @Test
    void shouldShowTheRecipientOfOutgoingTransfers() {
        String text = formatter.format(alert().kind(AlertKind.NATIVE_OUT).to(USDT).build());

        assertThat(text).contains("To: <code>" + USDT + "</code>").doesNotContain("From:");
    }

    /** EIP-55 test vectors; alerts carry addresses in lower case. */
    private static final String WATCHED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String FROM = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    private static final String TO = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
    private static final String TOKEN = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb";

    private static String lower(String address) {
        return address.toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void shouldShowEveryAddressChecksummedWhenTheAlertCarriesThemInLowerCase() {
        String in = formatter.format(alert().kind(AlertKind.TOKEN_IN).watched(lower(WATCHED)).from(lower(FROM)).token(
                lower(TOKEN)).build());
        String out = formatter.format(alert().kind(AlertKind.NFT_OUT).tokenId("7").watched(lower(WATCHED)).to(lower(
                TO)).token(lower(TOKEN)).build());
        String created = formatter.format(alert().kind(AlertKind.CONTRACT_CREATED).from(lower(FROM)).to(lower(TO))
                .build());

        assertThat(in).contains("👁 Watching <code>" + WATCHED + "</code>").contains("From: <code>" + FROM
                + "</code>").contains("units of token 0xD122…9aDb").contains("Token contract: <code>" + TOKEN
                        + "</code>");
        assertThat(out).contains("To: <code>" + TO + "</code>").contains("#7 of 0xD122…9aDb").contains(
                "Token contract: <code>" + TOKEN + "</code>");
        assertThat(created).contains("Deployer: <code>" + FROM + "</code>").contains("Contract: <code>" + TO
                + "</code>");
        assertThat(in + out + created).doesNotContain(lower(WATCHED)).doesNotContain(lower(FROM)).doesNotContain(
                lower(TO)).doesNotContain("0xd122");
    }

    @Test
    void shouldShowTokenContractsInFullAndChecksummedInADigestWhichHasNoLineForThem() {
        List<Alert> alerts = List.of(alert().kind(AlertKind.TOKEN_IN).token(lower(TOKEN)).build(), alert().kind(
                AlertKind.NFT_IN).tokenId("1").token(lower(TOKEN)).build());

        assertThat(formatter.digest(alerts).get(0).text()).contains("units of token <code>" + TOKEN + "</code>")
                .contains("#1 of <code>" + TOKEN + "</code>").doesNotContain("…").doesNotContain("0xd122");
    }

    @Test
    void shouldNotRepeatTheTokenContractWhenTheAlertIsNotATransferOfATokenOrNft() {
        assertThat(formatter.format(alert().token(lower(TOKEN)).build())).doesNotContain("Token contract");
    }

    @Test
    void shouldLeaveTheTransactionHashAsItIs() {
        Alert mined = alert().kind(AlertKind.TX_MINED).status(TxStatus.SUCCESS).watched(TestAlerts.TX).chain(
                "devnet").build();

        assertThat(formatter.format(mined)).contains("👁 Watching <code>" + TestAlerts.TX + "</code>");
    }

    @Test
    void shouldEscapeEveryStringItDidNotWrite() {
        String text = formatter.format(alert().label("<b>\"Tom & Jerry\"</b>").from("<script>").chain("x<y>")
                .build());

        assertThat(text).contains("&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;").contains("&lt;script&gt;")
                .contains("x&lt;y&gt;").doesNotContain("<script>").doesNotContain("<b>\"Tom");
    }

    @Test
    void shouldMarkLateAndBackfilledAlerts() {
        assertThat(formatter.format(alert().late().build())).contains("⏱ Late");
        assertThat(formatter.format(alert().backfill().build())).contains("🗂 Backfill");
        assertThat(formatter.format(alert().build())).doesNotContain("Late").doesNotContain("Backfill");
    }

    @Test
    void shouldWarnAboutPossibleSpamWhenTheAlertIsFlagged() {
        String text = formatter.format(alert().flags("ZERO_VALUE_TOKEN", "LOOKALIKE_COUNTERPARTY").build());

        assertThat(text).contains("🚩").contains("Possible spam or address poisoning").contains(
                "ZERO_VALUE_TOKEN, LOOKALIKE_COUNTERPARTY");
    }

    @Test
    void shouldAnnounceAnOrphanedBlock() {
        String text = formatter.format(alert().phase(AlertPhase.ORPHANED).block(77).build());

        assertThat(text).contains("⚠️").contains("Reorg").contains(
                "block 77 was orphaned; this transaction is no longer confirmed").contains(TestAlerts.TX);
    }

    @Test
    void shouldStayWithinTelegramsLimitWhenEveryFieldIsHuge() {
        String huge = "&<".repeat(5_000);
        Alert alert = alert().label(huge).from(huge).to(huge).amount(huge).tokenId(huge).token(huge).chain(huge)
                .kind(AlertKind.NFT_IN).flags(huge, huge, huge, huge, huge, huge, huge).build();

        String text = formatter.format(alert);

        assertThat(text.length()).isLessThanOrEqualTo(AlertFormatter.MAX_MESSAGE_CHARS);
        assertThat(text).doesNotContain("<<").contains("…");
    }

    @Test
    void shouldPackADigestIntoMessagesWithinTheLimitListingEveryFullHash() {
        List<Alert> alerts = IntStream.range(0, 60).mapToObj(i -> alert().tx(String.format("0x%064x", i)).label(
                "wallet " + i).build()).toList();

        List<Message> messages = formatter.digest(alerts);

        assertThat(messages).hasSizeGreaterThan(1);
        assertThat(messages).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(
                AlertFormatter.MAX_MESSAGE_CHARS));
        assertThat(messages.stream().flatMap(m -> m.alerts().stream())).containsExactlyElementsOf(alerts);
        for (Message message : messages) {
            assertThat(message.text()).contains(message.alerts().size() + " new alerts");
            message.alerts().forEach(a -> assertThat(message.text()).contains(a.getTxHash()).contains("Ethereum"));
        }
    }

    @Test
    void shouldUseTheSingleFormatWhenOnlyOneAlertIsLeft() {
        Alert one = alert().build();

        assertThat(formatter.firstMessage(List.of(one)).text()).isEqualTo(formatter.format(one));
    }
}
