package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.devkit.contracts.PriceFeed;
import io.chainwatch.devkit.contracts.TestContracts;
import io.chainwatch.devkit.contracts.Token;
import io.chainwatch.schema.Addresses;

/**
 * Issue #17 on the whole pipeline, through the Bot API double, on anvil with a price feed for the native coin and one
 * for a stablecoin: a native and a stablecoin transfer arrive with the dollar values the feeds held at their blocks,
 * and {@code /settings min all $100} hides a $50 transfer and shows a $150 one.
 */
class PricesIT {

    private static final BigInteger FEED_UNIT = BigInteger.TEN.pow(8);
    private static final BigInteger USDC_UNIT = BigInteger.TEN.pow(6);

    private AnvilNode anvil;
    private StandalonePipeline pipeline;
    private String deployer;
    private String wallet;
    private PriceFeed ethFeed;
    private Token usdc;

    @BeforeEach
    void start() throws Exception {
        anvil = AnvilNode.start();
        deployer = anvil.accounts().get(0);
        wallet = anvil.accounts().get(1);
        ethFeed = TestContracts.deployPriceFeed(anvil, deployer, 8, BigInteger.valueOf(3000).multiply(FEED_UNIT));
        usdc = TestContracts.deployToken(anvil, deployer, "USDC", 6);
        PriceFeed usdcFeed = TestContracts.deployPriceFeed(anvil, deployer, 8, FEED_UNIT);
        usdc.mint(deployer, BigInteger.valueOf(1_000_000).multiply(USDC_UNIT));
        // each transaction's own message is what this test reads: no digests by time (BurstDigestIT's)
        pipeline = new StandalonePipeline(anvil.rpcUrl(), Map.of("CHAINWATCH_PRICE_FEEDS_DEVNET", "native=" + ethFeed
                .address() + "," + usdc.address() + "=" + usdcFeed.address(), "NOTIFIER_DIGEST_AFTER", "1h"));
        pipeline.ask("/start");
        pipeline.ask("/watch devnet " + wallet + " savings");
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
        anvil.close();
    }

    /** The notification naming {@code hash}, once it arrived. */
    private SentMessage notificationOf(String hash) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.messages().stream().filter(m -> !m.edit()
                && m.text().contains(hash)).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void shouldShowTheDollarValuesTheFeedsHeldAtEachTransfersBlock() {
        String first = anvil.sendEth(deployer, wallet, new BigInteger("1500000000000000000"));
        assertThat(notificationOf(first).text()).contains("⬇️ Received 1.5 ETH (≈ $4,500)</b>");

        ethFeed.setAnswer(BigInteger.valueOf(3100).multiply(FEED_UNIT));
        String second = anvil.sendEth(deployer, wallet, new BigInteger("1500000000000000000"));
        String stable = usdc.transfer(deployer, wallet, BigInteger.valueOf(2500).multiply(USDC_UNIT));

        assertThat(notificationOf(second).text()).contains("⬇️ Received 1.5 ETH (≈ $4,650)</b>");
        assertThat(notificationOf(stable).text()).contains("🪙 Received 2500 USDC (≈ $2,500; " + Addresses
                .checksummed(usdc.address()).substring(0, 6));
    }

    @Test
    void shouldHideATransferWorthLessThanADollarMinimumAndShowOneWorthMore() {
        assertThat(pipeline.ask("/settings min all $100").text()).contains("worth less than $100");
        String fifty = usdc.transfer(deployer, wallet, BigInteger.valueOf(50).multiply(USDC_UNIT));
        String dust = anvil.sendEth(deployer, wallet, new BigInteger("10000000000000000")); // 0.01 ETH = $30
        String hundredFifty = usdc.transfer(deployer, wallet, BigInteger.valueOf(150).multiply(USDC_UNIT));
        String eth = anvil.sendEth(deployer, wallet, new BigInteger("100000000000000000")); // 0.1 ETH = $300

        assertThat(notificationOf(hundredFifty).text()).contains("150 USDC (≈ $150; ");
        assertThat(notificationOf(eth).text()).contains("0.1 ETH (≈ $300)");
        List<String> texts = pipeline.messages().stream().map(SentMessage::text).toList();
        assertThat(texts).noneMatch(t -> t.contains(fifty)).noneMatch(t -> t.contains(dust));
    }
}
