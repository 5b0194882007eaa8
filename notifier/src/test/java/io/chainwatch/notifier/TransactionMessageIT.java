package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.chats;
import static io.chainwatch.notifier.NotifierHarness.randomHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.contracts.PriceFeed;
import io.chainwatch.devkit.contracts.TestContracts;
import io.chainwatch.devkit.contracts.Token;
import io.chainwatch.schema.Addresses;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.ApprovalStandard;

/**
 * Issue #16: a transaction alert is one message, told by its pattern, with the token's real symbol read from a token
 * on anvil and dollar values from price feeds on anvil at the alert's block: a swap and an unlimited approval.
 */
class TransactionMessageIT extends WithNotifierHarness {

    private static final BigInteger FEED_UNIT = BigInteger.TEN.pow(8); // feeds quote with 8 decimals
    private static final String ROUTER = "0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad";
    private static final String POOL = "0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640";
    private static AnvilNode anvil;
    private static String deployer;

    @BeforeAll
    static void startAnvil() {
        anvil = AnvilNode.start();
        deployer = anvil.accounts().get(0);
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    private static long blockTime(long block) {
        return Long.decode(anvil.rpc("eth_getBlockByNumber", "0x" + Long.toHexString(block), false).path(
                "timestamp").asText());
    }

    private static TestAlerts transaction(long chat, long block) {
        return TestAlerts.transaction().chain("devnet").chat(chat).tx(randomHash()).to(ROUTER).block(block)
                .blockTime(blockTime(block));
    }

    private String messageTo(long chat) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !telegram.messagesTo(chat).isEmpty());
        return telegram.messagesTo(chat).get(0).text();
    }

    @Test
    void shouldTellASwapAndAnUnlimitedApprovalEachInOneMessageWithTheRealSymbolAndDollarValues() {
        PriceFeed eth = TestContracts.deployPriceFeed(anvil, deployer, 8, BigInteger.valueOf(3000).multiply(
                FEED_UNIT));
        Token usdc = TestContracts.deployToken(anvil, deployer, "USDC", 6);
        PriceFeed usdcFeed = TestContracts.deployPriceFeed(anvil, deployer, 8, FEED_UNIT);
        long block = anvil.blockNumber();
        Map<String, String> env = harness.env();
        env.put(ChainConfig.CHAINS, "devnet");
        env.put(ChainConfig.RPC_PREFIX + "DEVNET", anvil.rpcUrl());
        env.put("CHAINWATCH_PRICE_FEEDS_DEVNET", "native=" + eth.address() + "," + usdc.address() + "=" + usdcFeed
                .address());
        harness.start(env);
        List<Long> chats = chats(3, false);
        Alert swap = transaction(chats.get(0), block).fee("420000000000000").movements(TestAlerts.movement(
                AlertKind.NATIVE_OUT, "1000000000000000000", null, ROUTER),
                TestAlerts.movement(AlertKind.TOKEN_IN,
                        "3412500000", usdc.address(), POOL))
                .build();
        Alert approval = transaction(chats.get(1), block).approvals(TestAlerts.approval(ApprovalStandard.ERC20, usdc
                .address(), ROUTER, BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString(), true)).build();
        Alert small = transaction(chats.get(2), block).minUsd("100").movements(TestAlerts.movement(
                AlertKind.TOKEN_IN, "5000000", usdc.address(), POOL)).build();

        harness.produce(List.of(swap, approval, small));

        String router = "<code>" + Addresses.checksummed(ROUTER) + "</code>";
        assertThat(messageTo(chats.get(0))).startsWith("<b>🔄 Swapped 1 ETH → 3412.5 USDC</b> on <b>Devnet</b>\n"
                + "via " + router + "\n⬆️ Sent 1 ETH (≈ $3,000) to " + router + "\n🪙 Received 3412.5 USDC (≈ $3,413; ")
                .contains("⛽ Fee: 0.00042 ETH (≈ $1.26)\n").contains("<code>" + swap.getTxHash() + "</code>");
        assertThat(messageTo(chats.get(1))).startsWith("<b>🔐 Approval: unlimited USDC (").contains(
                "🔐 Approval: " + router + " may spend <b>unlimited</b> USDC (");
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.counter("chainwatch.notifier.below.minimum") >= 1);
        assertThat(telegram.messagesTo(chats.get(2))).as("$5 of USDC, below the watch's $100").isEmpty();
    }
}
