package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.devkit.contracts.Nft;
import io.chainwatch.devkit.contracts.Swap;
import io.chainwatch.devkit.contracts.TestContracts;
import io.chainwatch.devkit.contracts.Token;
import io.chainwatch.schema.Addresses;
import io.chainwatch.schema.Topics;

/**
 * Issue #16 on the whole pipeline, through the Bot API double, on anvil with the devkit's token, NFT and swap pool:
 * every transaction is exactly one message, told by its pattern — a swap either way (the ether back from the pool an
 * internal transfer), ERC-20 approvals limited, unlimited and revoked, an NFT operator granted and revoked, three
 * assets in one transaction, and two watched wallets of the chat in one transaction. One anvil and one pipeline for
 * the class: each test uses its own transactions, and the chat's two watched wallets take part in no one else's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsIT {

    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger USDC_UNIT = BigInteger.TEN.pow(6);
    private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private AnvilNode anvil;
    private StandalonePipeline pipeline;
    private String deployer;
    private String wallet;
    private String other;
    private String spender;
    private Token usdc;
    private Swap swap;

    @BeforeAll
    void start() throws Exception {
        anvil = AnvilNode.start();
        List<String> accounts = anvil.accounts();
        deployer = accounts.get(0);
        wallet = accounts.get(1);
        other = accounts.get(2);
        spender = accounts.get(5);
        usdc = TestContracts.deployToken(anvil, deployer, "USDC", 6);
        swap = TestContracts.deploySwap(anvil, deployer);
        usdc.mint(swap.address(), BigInteger.valueOf(1_000_000).multiply(USDC_UNIT));
        swap.fundEth(deployer, ETHER.multiply(BigInteger.valueOf(100)));
        // the pool pays ether back from inside the call: an internal transfer, read with the call tracer
        // each transaction's own message is what this test reads, so a quick succession of them to the one chat is not
        // folded into a digest by time (that is BurstDigestIT's)
        pipeline = new StandalonePipeline(anvil.rpcUrl(), Map.of("CHAINWATCH_INTERNAL_TRANSFERS_DEVNET", "true",
                "NOTIFIER_DIGEST_AFTER", "1h"));
        pipeline.ask("/start");
        pipeline.ask("/watch devnet " + wallet + " savings");
        pipeline.ask("/watch devnet " + other + " trading");
        for (String address : List.of(wallet, other)) {
            EndToEndIT.awaitTheMatcherSees(pipeline.context(), Topics.addressKey("devnet", address),
                    StandalonePipeline.CHAT, w -> true);
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            pipeline.close();
        } finally {
            anvil.close();
        }
    }

    @Test
    void shouldTellAnEtherForTokenSwapInOneMessageNamingThePool() {
        String swapped = swap.ethForToken(wallet, usdc.address(), ETHER, new BigInteger("3412500000"));

        assertThat(onlyNotificationOf(swapped)).startsWith("<b>🔄 Swapped 1 ETH → 3412.5 USDC</b> on <b>Devnet</b>\n"
                + "via " + code(swap.address()) + "\n"
                + "⬆️ Sent 1 ETH to " + code(swap.address()) + "\n"
                + "🪙 Received 3412.5 USDC (" + shortAddress(usdc.address()) + ") from " + code(swap.address()) + "\n"
                + "🏷 savings\n⛽ Fee: ");
    }

    @Test
    void shouldTellAnApprovalAndThenATokenForEtherSwapWithTheInternalEtherBackEachInOneMessage() {
        usdc.mint(wallet, BigInteger.valueOf(5000).multiply(USDC_UNIT));
        BigInteger amount = BigInteger.valueOf(2000).multiply(USDC_UNIT);
        String approved = usdc.approve(wallet, swap.address(), amount);
        String swapped = swap.tokenForEth(wallet, usdc.address(), amount, ETHER.divide(BigInteger.TWO));

        String token = "USDC (" + shortAddress(usdc.address()) + ")";
        assertThat(onlyNotificationOf(approved)).startsWith("<b>🔐 Approval: 2000 " + token + "</b> on <b>Devnet</b>\n"
                + "🔐 Approval: " + code(swap.address()) + " may spend 2000 " + token + " of this wallet\n"
                + "🏷 savings\n⛽ Fee: ");
        assertThat(onlyNotificationOf(swapped)).startsWith("<b>🔄 Swapped 2000 USDC → 0.5 ETH</b> on <b>Devnet</b>\n"
                + "via " + code(swap.address()) + "\n"
                + "🪙 Sent 2000 " + token + " to " + code(swap.address()) + "\n"
                + "⬇️ Received 0.5 ETH (internal) from " + code(swap.address()) + "\n"
                + "🏷 savings\n⛽ Fee: ");
    }

    @Test
    void shouldTellALimitedAnUnlimitedAndARevokedErc20ApprovalEachInOneMessage() {
        String limited = usdc.approve(wallet, spender, BigInteger.valueOf(1000).multiply(USDC_UNIT));
        String unlimited = usdc.approve(wallet, spender, MAX_UINT256);
        String revoked = usdc.approve(wallet, spender, BigInteger.ZERO);

        String token = "USDC (" + shortAddress(usdc.address()) + ")";
        assertThat(onlyNotificationOf(limited)).startsWith("<b>🔐 Approval: 1000 " + token + "</b> on <b>Devnet</b>\n"
                + "🔐 Approval: " + code(spender) + " may spend 1000 " + token + " of this wallet\n");
        assertThat(onlyNotificationOf(unlimited)).startsWith("<b>🔐 Approval: unlimited " + token
                + "</b> on <b>Devnet</b>\n"
                + "🔐 Approval: " + code(spender) + " may spend <b>unlimited</b> " + token + " of this wallet\n");
        assertThat(onlyNotificationOf(revoked)).startsWith("<b>🔐 Approval revoked: " + token
                + "</b> on <b>Devnet</b>\n"
                + "🔐 Approval revoked: " + code(spender) + " may no longer spend " + token + " of this wallet\n");
    }

    @Test
    void shouldTellAnNftOperatorGrantedAndRevokedEachInOneMessage() {
        Nft nft = TestContracts.deployNft(anvil, deployer, "APE");
        String granted = nft.setApprovalForAll(wallet, spender, true);
        String revoked = nft.setApprovalForAll(wallet, spender, false);

        String collection = shortAddress(nft.address());
        assertThat(onlyNotificationOf(granted)).startsWith("<b>🔐 Approval: all NFTs of " + collection
                + "</b> on <b>Devnet</b>\n"
                + "🔐 Approval: " + code(spender) + " may transfer all NFTs of " + collection + " from this wallet\n");
        assertThat(onlyNotificationOf(revoked)).startsWith("<b>🔐 Approval revoked: NFTs of " + collection
                + "</b> on <b>Devnet</b>\n"
                + "🔐 Approval revoked: " + code(spender) + " may no longer transfer NFTs of " + collection
                + " from this wallet\n");
    }

    @Test
    void shouldListThreeAssetsMovedInOneTransactionInOneMessage() {
        Token dai = TestContracts.deployToken(anvil, deployer, "DAI", 18);
        dai.mint(swap.address(), BigInteger.valueOf(1000).multiply(ETHER));
        String moved = swap.ethForTwoTokens(wallet, ETHER.divide(BigInteger.TEN), usdc.address(), BigInteger.valueOf(
                100).multiply(USDC_UNIT), dai.address(), BigInteger.valueOf(250).multiply(ETHER));

        assertThat(onlyNotificationOf(moved)).startsWith("<b>🔁 3 movements</b> on <b>Devnet</b>\n"
                + "⬆️ Sent 0.1 ETH to " + code(swap.address()) + "\n"
                + "🪙 Received 100 USDC (" + shortAddress(usdc.address()) + ") from " + code(swap.address()) + "\n"
                + "🪙 Received 250 DAI (" + shortAddress(dai.address()) + ") from " + code(swap.address()) + "\n"
                + "🏷 savings\n⛽ Fee: ");
    }

    @Test
    void shouldNameBothWatchedWalletsOfTheChatInOneMessageWhenOneSendsToTheOther() {
        usdc.mint(wallet, BigInteger.valueOf(100).multiply(USDC_UNIT));
        String sent = usdc.transfer(wallet, other, BigInteger.valueOf(40).multiply(USDC_UNIT));

        String token = "40 USDC (" + shortAddress(usdc.address()) + ")";
        assertThat(onlyNotificationOf(sent)).startsWith("<b>🔁 2 movements</b> on <b>Devnet</b>\n"
                + "🪙 Sent " + token + " to 🏷 trading " + code(other) + " · 🏷 savings\n"
                + "🪙 Received " + token + " from 🏷 savings " + code(wallet) + " · 🏷 trading\n"
                + "🏷 savings\n🏷 trading\n⛽ Fee: ");
    }

    /**
     * The one notification naming {@code hash}: it arrived, and once the notification of a later transaction (to the
     * same chat, so queued behind it) arrived too, it is still the only one.
     */
    private String onlyNotificationOf(String hash) {
        String text = notificationOf(hash).text();
        notificationOf(anvil.sendEth(deployer, wallet, ETHER.divide(BigInteger.valueOf(1000))));
        assertThat(pipeline.messages().stream().filter(m -> !m.edit() && m.text().contains(hash)).toList())
                .as("notifications of %s", hash).hasSize(1);
        assertThat(text).contains("<code>" + hash + "</code>");
        return text;
    }

    /** The notification naming {@code hash}, once it arrived. */
    private SentMessage notificationOf(String hash) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.messages().stream().filter(m -> !m.edit()
                && m.text().contains(hash)).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static String code(String address) {
        return "<code>" + Addresses.checksummed(address) + "</code>";
    }

    /** {@code 0xAbCd…12Ef}, as a message shows a token or collection. */
    private static String shortAddress(String address) {
        String checksummed = Addresses.checksummed(address);
        return checksummed.substring(0, 6) + "…" + checksummed.substring(checksummed.length() - 4);
    }
}
