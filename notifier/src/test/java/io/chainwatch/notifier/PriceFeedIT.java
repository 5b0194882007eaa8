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
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;

/**
 * Issue #17: dollar values read from price-feed contracts on a real node (anvil), at the alert's block: the price
 * changes between two blocks and each message shows its own block's; a feed that reverts leaves the dollar value out
 * and is named by the health report; a dollar minimum holds back only what it can price.
 */
class PriceFeedIT extends WithNotifierHarness {

    private static final BigInteger FEED_UNIT = BigInteger.TEN.pow(8); // feeds quote with 8 decimals
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

    private static Alert transfer(long chat, AlertKind kind, String token, String amount, long block) {
        return TestAlerts.alert().chain("devnet").chat(chat).tx(randomHash()).kind(kind).token(token).amount(amount)
                .block(block).blockTime(blockTime(block)).build();
    }

    private String messageTo(long chat) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !telegram.messagesTo(chat).isEmpty());
        return telegram.messagesTo(chat).get(0).text();
    }

    /** Each alert as its full message (where the dollar value shows), however many are queued for a chat. */
    private NotifierService startWith(String feeds) {
        Map<String, String> env = harness.envWithSingleMessages();
        env.put(ChainConfig.CHAINS, "devnet");
        env.put(ChainConfig.RPC_PREFIX + "DEVNET", anvil.rpcUrl());
        env.put("CHAINWATCH_PRICE_FEEDS_DEVNET", feeds);
        return harness.start(env);
    }

    @Test
    void shouldShowEachAmountAtThePriceItsFeedHeldAtTheAlertsBlock() {
        PriceFeed eth = TestContracts.deployPriceFeed(anvil, deployer, 8, BigInteger.valueOf(3000).multiply(
                FEED_UNIT));
        Token usdc = TestContracts.deployToken(anvil, deployer, "USDC", 6);
        PriceFeed usdcFeed = TestContracts.deployPriceFeed(anvil, deployer, 8, new BigInteger("99980000"));
        long before = anvil.blockNumber();
        eth.setAnswer(BigInteger.valueOf(3100).multiply(FEED_UNIT));
        long after = anvil.blockNumber();
        startWith("native=" + eth.address() + "," + usdc.address() + "=" + usdcFeed.address());
        List<Long> chats = chats(3, false);

        // both blocks exist by now: only a read at each alert's own block tells them apart
        harness.produce(List.of(transfer(chats.get(0), AlertKind.NATIVE_IN, null, "1500000000000000000", before),
                transfer(chats.get(1), AlertKind.NATIVE_OUT, null, "1500000000000000000", after), transfer(chats
                        .get(2), AlertKind.TOKEN_IN, usdc.address(), "2500000000", after)));

        assertThat(messageTo(chats.get(0))).contains("⬇️ Incoming 1.5 ETH (≈ $4,500)");
        assertThat(messageTo(chats.get(1))).contains("⬆️ Outgoing 1.5 ETH (≈ $4,650)");
        assertThat(messageTo(chats.get(2))).contains("🪙 Token received: 2500 USDC (≈ $2,500; ");
    }

    @Test
    void shouldSendWithoutADollarValueWhenTheFeedRevertsAndNameTheFeedInTheHealthReport() {
        PriceFeed eth = TestContracts.deployPriceFeed(anvil, deployer, 8, BigInteger.valueOf(3000).multiply(
                FEED_UNIT));
        eth.setReverting(true);
        long block = anvil.blockNumber();
        NotifierService service = startWith("native=" + eth.address());
        long chat = chats(1, false).get(0);
        long started = System.nanoTime();

        harness.produce(List.of(transfer(chat, AlertKind.NATIVE_IN, null, "1500000000000000000", block)));

        assertThat(messageTo(chat)).contains("⬇️ Incoming 1.5 ETH").doesNotContain("$");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(service.health().failingPriceFeeds()).hasEntrySatisfying("devnet " + eth.address(),
                why -> assertThat(why).contains("latestRoundData()").contains("reverting"));
    }

    @Test
    void shouldHoldBackOnlyWhatADollarMinimumCanPrice() {
        Token usdc = TestContracts.deployToken(anvil, deployer, "USDC", 6);
        PriceFeed usdcFeed = TestContracts.deployPriceFeed(anvil, deployer, 8, FEED_UNIT);
        Token unpriced = TestContracts.deployToken(anvil, deployer, "MEME", 18);
        long block = anvil.blockNumber();
        startWith(usdc.address() + "=" + usdcFeed.address());
        long chat = chats(1, false).get(0);
        Alert fifty = Alert.newBuilder(transfer(chat, AlertKind.TOKEN_IN, usdc.address(), "50000000", block))
                .setMinUsd("100").build();
        Alert meme = Alert.newBuilder(transfer(chat, AlertKind.TOKEN_IN, unpriced.address(), "7", block)).setMinUsd(
                "100").build();
        Alert hundredFifty = Alert.newBuilder(transfer(chat, AlertKind.TOKEN_IN, usdc.address(), "150000000", block))
                .setMinUsd("100").build();

        harness.produce(List.of(fifty, meme, hundredFifty));

        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.messagesTo(chat).size() >= 2);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        List<String> texts = telegram.messagesTo(chat).stream().map(m -> m.text()).toList();
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).contains("0.000000000000000007 MEME");
        assertThat(texts.get(1)).contains("150 USDC (≈ $150; ");
        assertThat(harness.counter("chainwatch.notifier.below.minimum")).isEqualTo(1.0);
    }
}
