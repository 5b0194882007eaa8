package io.chainwatch.notifier.format;

import static io.chainwatch.notifier.TestAlerts.approval;
import static io.chainwatch.notifier.TestAlerts.movement;
import static io.chainwatch.notifier.TestAlerts.nft;
import static io.chainwatch.notifier.TestAlerts.transaction;
import static io.chainwatch.notifier.TestAlerts.watchedAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chainwatch.names.AddressBook;
import io.chainwatch.notifier.TestAlerts;
import io.chainwatch.schema.Addresses;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TxStatus;

/** Issue #16: one message per transaction, told by its pattern. */
class TransactionFormatTest {

    private static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    private static final String DAI = "0x6b175474e89094c44da98b954eedeac495271d0f";
    private static final String ROUTER = "0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad";
    private static final String POOL = "0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640";
    private static final String APES = "0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d";
    private static final String COLD = "0x3333333333333333333333333333333333333333";
    private static final String ETH = "1000000000000000000";
    private static final Map<String, TokenMetadata> KNOWN = Map.of(USDC, new TokenMetadata("USDC", 6), DAI,
            new TokenMetadata("DAI", 18));

    /** ETH at $3,400, USDC at $1, from the movement's own amount. */
    private static final AlertFormatter.Valuation PRICES = new AlertFormatter.Valuation() {
        @Override
        public Optional<BigDecimal> usd(Alert alert) {
            return Optional.empty();
        }

        @Override
        public Optional<BigDecimal> usd(Alert alert, AlertMovement movement) {
            return switch (movement.getKind()) {
                case NATIVE_IN, NATIVE_OUT, INTERNAL_IN, INTERNAL_OUT -> Optional.of(new BigDecimal(movement
                        .getAmount()).movePointLeft(18).multiply(BigDecimal.valueOf(3400)));
                case TOKEN_IN, TOKEN_OUT -> USDC.equals(movement.getToken())
                        ? Optional.of(new BigDecimal(movement.getAmount()).movePointLeft(6))
                        : Optional.empty();
                default -> Optional.empty();
            };
        }
    };

    private final AlertFormatter formatter = new AlertFormatter((chain, token) -> Optional.ofNullable(KNOWN.get(
            token)), AddressBook.parse(List.of(ROUTER + " Uniswap Router"), "labels"), AlertFormatter.NameLookup.NONE,
            PRICES);

    private static Alert swap() {
        return transaction().to(ROUTER).fee("420000000000000").movements(movement(AlertKind.NATIVE_OUT, ETH, null,
                ROUTER), movement(AlertKind.TOKEN_IN, "3412500000", USDC, POOL)).build();
    }

    private static String code(String address) {
        return "<code>" + Addresses.checksummed(address) + "</code>";
    }

    @Test
    void shouldTellASwapInOneMessageWithTheRouterAndEachMovementsValue() {
        String text = formatter.format(swap());

        assertThat(text).startsWith("<b>🔄 Swapped 1 ETH → 3412.5 USDC</b> on <b>Ethereum</b>\n"
                + "via <b>Uniswap Router</b> " + code(ROUTER) + "\n"
                + "⬆️ Sent 1 ETH (≈ $3,400) to <b>Uniswap Router</b> " + code(ROUTER) + "\n"
                + "🪙 Received 3412.5 USDC (≈ $3,413; 0xA0b8…eB48) from " + code(POOL) + "\n"
                + "👁 Watching " + code(TestAlerts.WATCHED) + "\n"
                + "⛽ Fee: 0.00042 ETH (≈ $1.43)\n"
                + "Block 19000000 · 2 confirmations (of 2)\n");
        assertThat(text).endsWith(TestAlerts.TX + "</a>");
    }

    @Test
    void shouldTellAnUnlimitedErc20ApprovalWithTheSpenderInFull() {
        String text = formatter.format(transaction().to(USDC).approvals(approval(ApprovalStandard.ERC20, USDC,
                ROUTER, TransactionPatterns.MAX_UINT256.toString(), true)).build());

        assertThat(text).startsWith("<b>🔐 Approval: unlimited USDC (0xA0b8…eB48)</b> on <b>Ethereum</b>\n"
                + "🔐 Approval: <b>Uniswap Router</b> " + code(ROUTER)
                + " may spend <b>unlimited</b> USDC (0xA0b8…eB48) of this wallet\n");
    }

    @Test
    void shouldTellALimitedApprovalItsAmountAndARevocationThatItIsOne() {
        String limited = formatter.format(transaction().approvals(approval(ApprovalStandard.ERC20, USDC, POOL,
                "250000000", true)).build());
        String revoked = formatter.format(transaction().approvals(approval(ApprovalStandard.ERC20, USDC, POOL, "0",
                true)).build());

        assertThat(limited).contains("may spend 250 USDC (0xA0b8…eB48) of this wallet\n");
        assertThat(revoked).startsWith("<b>🔐 Approval revoked: USDC (0xA0b8…eB48)</b>").contains(
                "🔐 Approval revoked: " + code(POOL) + " may no longer spend USDC (0xA0b8…eB48) of this wallet\n");
    }

    @Test
    void shouldTellAnApprovalForAllGrantedAndRevoked() {
        String granted = formatter.format(transaction().approvals(approval(ApprovalStandard.OPERATOR, APES, POOL,
                null, true)).build());
        String revoked = formatter.format(transaction().approvals(approval(ApprovalStandard.OPERATOR, APES, POOL,
                null, false)).build());

        assertThat(granted).contains("🔐 Approval: " + code(POOL) + " may transfer all NFTs of 0xBC4C…f13D from this "
                + "wallet\n");
        assertThat(revoked).contains("🔐 Approval revoked: " + code(POOL)
                + " may no longer transfer NFTs of 0xBC4C…f13D from this wallet\n");
    }

    @Test
    void shouldTellASingleNftApprovalAndCountSeveralApprovalsInTheHeadline() {
        TokenApproval one = TokenApproval.newBuilder(approval(ApprovalStandard.ERC721, APES, POOL, null, true))
                .setTokenId("7").build();
        TokenApproval cleared = TokenApproval.newBuilder(one).setApproved(false).setSpender(
                "0x0000000000000000000000000000000000000000").build();

        String text = formatter.format(transaction().approvals(one, cleared).build());

        assertThat(text).startsWith("<b>🔐 2 approvals</b> on <b>Ethereum</b>\n🔐 Approval: " + code(POOL)
                + " may transfer NFT #7 of 0xBC4C…f13D from this wallet\n"
                + "🔐 Approval revoked: no one else may transfer NFT #7 of 0xBC4C…f13D from this wallet\n");
    }

    @Test
    void shouldTellAPermit2ApprovalItsExpiryFirstAndTheSwapBesideIt() {
        TokenApproval permit = TokenApproval.newBuilder(approval(ApprovalStandard.PERMIT2, USDC, ROUTER,
                TransactionPatterns.MAX_UINT160.toString(), true)).setExpiration(1_735_689_600L).build();

        String text = formatter.format(transaction().approvals(permit).movements(movement(AlertKind.TOKEN_OUT,
                "100000000", USDC, POOL), movement(AlertKind.INTERNAL_IN, "30000000000000000", null, ROUTER))
                .build());

        assertThat(text).startsWith("<b>🔄 Swapped 100 USDC → 0.03 ETH</b> on <b>Ethereum</b>\nvia " + code(POOL)
                + "\n🔐 Approval: <b>Uniswap Router</b> " + code(ROUTER)
                + " may spend <b>unlimited</b> USDC (0xA0b8…eB48) of this wallet through Permit2 until 2025-01-01"
                + " 00:00 UTC\n🪙 Sent 100 USDC (≈ $100; 0xA0b8…eB48) to ");
        assertThat(text).contains("⬇️ Received 0.03 ETH (≈ $102) (internal) from <b>Uniswap Router</b>");
    }

    @Test
    void shouldTellWhatAFailedTransactionTriedAndTheFeeItStillPaid() {
        String text = formatter.format(transaction().to(ROUTER).amount(ETH).status(TxStatus.FAILED).fee(
                "1100000000000000").build());

        assertThat(text).startsWith("<b>❌ Transaction failed</b> on <b>Ethereum</b>\n"
                + "It tried a call to <b>Uniswap Router</b> " + code(ROUTER) + " sending 1 ETH (≈ $3,400)\n");
        assertThat(text).contains("Fee paid, though it failed: 0.0011 ETH (≈ $3.74)\n");
    }

    @Test
    void shouldListThreeAssetsOfOneWalletInTheirOrder() {
        String text = formatter.format(transaction().movements(movement(AlertKind.NATIVE_OUT, ETH, null, ROUTER),
                movement(AlertKind.TOKEN_IN, "5000000", USDC, POOL), nft(AlertKind.NFT_IN, APES, "7,8", "2,1", POOL))
                .build());

        assertThat(text).startsWith("<b>🔁 3 movements</b> on <b>Ethereum</b>\n⬆️ Sent 1 ETH (≈ $3,400) to ");
        assertThat(text.indexOf("🪙 Received 5 USDC (≈ $5.00; 0xA0b8…eB48) from")).isGreaterThan(text.indexOf(
                "⬆️ Sent"));
        assertThat(text).contains("🖼 Received 2 × #7, #8 of 0xBC4C…f13D from " + code(POOL) + "\n");
    }

    @Test
    void shouldNameBothWatchedAddressesOfOneChatInOneMessage() {
        String text = formatter.format(transaction().watchedAddresses(watchedAddress(TestAlerts.WATCHED, 7, "hot"),
                watchedAddress(COLD, 8, "cold <vault>")).movements(movement(AlertKind.NATIVE_OUT, ETH, null, COLD),
                        movement(COLD, AlertKind.NATIVE_IN, ETH, null, TestAlerts.WATCHED))
                .build());

        assertThat(text).contains("⬆️ Sent 1 ETH (≈ $3,400) to 🏷 cold &lt;vault&gt; " + code(COLD) + " · 🏷 hot\n");
        assertThat(text).contains("⬇️ Received 1 ETH (≈ $3,400) from 🏷 hot " + code(TestAlerts.WATCHED)
                + " · 🏷 cold &lt;vault&gt;\n");
        assertThat(text).contains("\n🏷 hot\n🏷 cold &lt;vault&gt;\n");
    }

    @Test
    void shouldTellASingleMovementInItsHeadlineWithTheCounterpartyBelow() {
        String text = formatter.format(transaction().movements(movement(AlertKind.NATIVE_IN, ETH, null, ROUTER))
                .build());

        assertThat(text).startsWith("<b>⬇️ Received 1 ETH (≈ $3,400)</b> on <b>Ethereum</b>\nFrom: <b>Uniswap Router"
                + "</b> " + code(ROUTER) + "\n");
    }

    @Test
    void shouldShowTheFlagsOfAMovementOnItsLineAndAllFlagsAsAWarning() {
        AlertMovement poisoned = AlertMovement.newBuilder(movement(AlertKind.TOKEN_IN, "0", USDC, POOL)).setAmount(
                "1").setFlags(List.of("LOOKALIKE_COUNTERPARTY")).build();

        String text = formatter.format(transaction().flags("LOOKALIKE_COUNTERPARTY").movements(movement(
                AlertKind.NATIVE_OUT, ETH, null, ROUTER), poisoned, movement(AlertKind.TOKEN_IN, "1", DAI, POOL))
                .build());

        assertThat(text).contains("🚩 LOOKALIKE_COUNTERPARTY\n").contains("🚩 <b>Possible spam or address poisoning");
    }

    @Test
    void shouldCutALongListCleanlyAndKeepTheHeadlineTheWatchAndTheFullHash() {
        AlertMovement[] many = IntStream.range(0, 200).mapToObj(i -> movement(AlertKind.TOKEN_IN, "1" + i, DAI,
                ROUTER)).toArray(AlertMovement[]::new);

        String text = formatter.format(transaction().label("treasury").movements(many).build());

        assertThat(text).hasSizeLessThanOrEqualTo(AlertFormatter.MAX_MESSAGE_CHARS);
        assertThat(text).startsWith("<b>🔁 200 movements</b>").contains("🏷 treasury\n").containsPattern(
                "\n… and \\d+ more movements\n🏷 treasury\n").endsWith(TestAlerts.TX + "</a>");
    }

    @Test
    void shouldSummariseATransactionOnOneLineInADigest() {
        List<AlertFormatter.Message> digest = formatter.digest(List.of(swap(), transaction().watchedAddresses(
                watchedAddress(TestAlerts.WATCHED, 7, "hot"), watchedAddress(COLD, 8, "cold")).approvals(
                        approval(
                                ApprovalStandard.ERC20, USDC, ROUTER, "0", true))
                .build()));

        assertThat(digest).hasSize(1);
        assertThat(digest.get(0).text()).contains("\n🔄 Swapped 1 ETH → 3412.5 USDC · Ethereum · block 19000000\n")
                .contains("\n🔐 Approval revoked: USDC (0xA0b8…eB48) · Ethereum · block 19000000 · 🏷 hot · 🏷 cold\n");
    }

    @Test
    void shouldStrikeThroughAnOrphanedTransactionAndEditItsConfirmations() {
        Alert orphaned = Alert.newBuilder(swap()).setPhase(AlertPhase.ORPHANED).build();
        Alert progress = Alert.newBuilder(swap()).setPhase(AlertPhase.PROGRESS).setConfirmations(5).build();

        assertThat(formatter.orphanedEdit(orphaned)).startsWith("<s>" + formatter.format(swap()) + "</s>\n⚠️");
        assertThat(formatter.progressEdit(progress)).contains("Block 19000000 · 5 confirmations (of 2)");
        assertThat(formatter.format(orphaned)).startsWith("⚠️ <b>Reorg on Ethereum: block 19000000 was orphaned")
                .contains("It was: 🔄 Swapped 1 ETH → 3412.5 USDC\n");
    }
}
