package io.chainwatch.notifier.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.notifier.TestAlerts;
import io.chainwatch.notifier.format.TokenMetadata;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.TxStatus;

class PriceBookTest {

    private static final String ETH_FEED = "0x" + "e1".repeat(20);
    private static final String USDC_FEED = "0x" + "c1".repeat(20);
    private static final String USDC = "0x" + "a1".repeat(20);
    private static final long NOW = 1_760_000_000L;

    private final AtomicLong millis = new AtomicLong(NOW * 1000);
    /** What the fake node answers per feed, and every read it was asked for. */
    private final Map<String, PriceBook.Reading> answers = new java.util.HashMap<>();
    private final List<String> reads = new ArrayList<>();

    private PriceBook book() {
        RuntimeEnv env = RuntimeEnv.of(Map.of(ChainConfig.CHAINS, "devnet", "CHAINWATCH_PRICE_FEEDS_DEVNET", "native="
                + ETH_FEED + "," + USDC + "=" + USDC_FEED));
        return new PriceBook(PriceFeeds.from(env, ChainConfig.allFrom(env)), (chain, token) -> token.equals(USDC)
                ? Optional.of(new TokenMetadata("USDC", 6))
                : Optional.empty(), (chain, feed, block) -> {
                    reads.add(feed + "@" + block);
                    return answers.getOrDefault(feed, new PriceBook.Failed("no answer"));
                }, Runnable::run, 100, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(25),
                millis::get);
    }

    private static Alert eth(String wei, long block) {
        return TestAlerts.alert().chain("devnet").kind(AlertKind.NATIVE_IN).amount(wei).block(block).blockTime(NOW)
                .build();
    }

    private static Alert usdc(String units) {
        return TestAlerts.alert().chain("devnet").kind(AlertKind.TOKEN_IN).token(USDC).amount(units).block(10)
                .blockTime(NOW).build();
    }

    private static PriceBook.Price price(String usd, long updatedAt) {
        return new PriceBook.Price(new BigDecimal(usd), updatedAt);
    }

    @Test
    void shouldValueAnAmountAtThePriceItsFeedHeldAtTheAlertsBlock() {
        PriceBook book = book();
        answers.put(ETH_FEED, price("3408.12", NOW - 60));
        answers.put(USDC_FEED, price("0.9998", NOW - 3600));
        Alert native15 = eth("1500000000000000000", 10);
        Alert usdc1500 = usdc("1500000000");

        assertThat(book.usd(native15)).isEmpty(); // not read yet: never waits
        assertThat(book.begin(List.of(native15, usdc1500))).isDone();

        assertThat(book.usd(native15)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("5112.18"));
        assertThat(book.usd(usdc1500)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1499.7"));
        assertThat(reads).containsExactlyInAnyOrder(ETH_FEED + "@10", USDC_FEED + "@10");
    }

    @Test
    void shouldReadEachBlockOnceAndAgainForAnotherBlock() {
        PriceBook book = book();
        answers.put(ETH_FEED, price("3000", NOW));
        book.begin(List.of(eth("1", 10), eth("2", 10)));
        book.begin(List.of(eth("3", 10)));
        answers.put(ETH_FEED, price("3100", NOW));
        book.begin(List.of(eth("1000000000000000000", 11)));

        assertThat(reads).containsExactly(ETH_FEED + "@10", ETH_FEED + "@11");
        assertThat(book.usd(eth("1000000000000000000", 10))).hasValueSatisfying(v -> assertThat(v)
                .isEqualByComparingTo("3000"));
        assertThat(book.usd(eth("1000000000000000000", 11))).hasValueSatisfying(v -> assertThat(v)
                .isEqualByComparingTo("3100"));
    }

    @Test
    void shouldShowNoValueForAFailedOrStaleFeedAndNameItForTheHealthEndpoint() {
        PriceBook book = book();
        answers.put(ETH_FEED, new PriceBook.Failed("latestRoundData() failed: execution reverted"));
        answers.put(USDC_FEED, price("1", NOW - Duration.ofHours(26).toSeconds()));
        book.begin(List.of(eth("1", 10), usdc("1")));

        assertThat(book.usd(eth("1", 10))).isEmpty();
        assertThat(book.usd(usdc("1"))).isEmpty();
        assertThat(book.failing()).containsEntry("devnet " + ETH_FEED, "latestRoundData() failed: execution reverted")
                .hasEntrySatisfying("devnet " + USDC_FEED, why -> assertThat(why).startsWith("stale"));

        // a feed that answers again is dropped from the report, after the retry interval
        answers.put(ETH_FEED, price("3000", NOW));
        book.begin(List.of(eth("1", 10)));
        assertThat(book.failing()).containsKey("devnet " + ETH_FEED);
        millis.addAndGet(Duration.ofMinutes(1).toMillis());
        book.begin(List.of(eth("1", 10)));
        assertThat(book.failing()).doesNotContainKey("devnet " + ETH_FEED);
        assertThat(book.usd(eth("1000000000000000000", 10))).isPresent();
    }

    @Test
    void shouldHoldBackOnlyAlertsWhosePricedValueIsBelowTheWatchsDollarMinimum() {
        PriceBook book = book();
        answers.put(USDC_FEED, price("1", NOW));
        Alert fifty = TestAlerts.alert().chain("devnet").kind(AlertKind.TOKEN_IN).token(USDC).amount("50000000")
                .block(10).blockTime(NOW).minUsd("100").build();
        Alert hundredFifty = TestAlerts.alert().chain("devnet").kind(AlertKind.TOKEN_IN).token(USDC).amount(
                "150000000").block(10).blockTime(NOW).minUsd("100").build();
        Alert unpriced = eth("1", 10);
        unpriced.setMinUsd("100");
        book.begin(List.of(fifty, hundredFifty, unpriced));

        assertThat(book.belowMinimum(fifty)).isTrue();
        assertThat(book.belowMinimum(hundredFifty)).isFalse();
        assertThat(book.belowMinimum(unpriced)).as("an amount without a price is never held back").isFalse();
        assertThat(book.belowMinimum(usdc("1"))).as("no dollar minimum").isFalse();
    }

    @Test
    void shouldPriceNoNftAndNoChainWithoutFeeds() {
        PriceBook book = book();
        Alert nft = TestAlerts.alert().chain("devnet").kind(AlertKind.NFT_IN).token(USDC).tokenId("1").build();
        Alert otherChain = TestAlerts.alert().chain("ethereum").kind(AlertKind.NATIVE_IN).amount("1").build();

        assertThat(book.begin(List.of(nft, otherChain))).isDone();
        assertThat(reads).isEmpty();
    }

    private static Alert transaction(String minUsd, AlertMovement... movements) {
        return TestAlerts.transaction().chain("devnet").block(10).blockTime(NOW).fee("1000000000000000").minUsd(
                minUsd).movements(movements).build();
    }

    @Test
    void shouldValueEachMovementOfATransactionAndReadItsFeedsAndTheCoinsForTheFee() {
        PriceBook book = book();
        answers.put(ETH_FEED, price("3000", NOW));
        answers.put(USDC_FEED, price("1", NOW));
        AlertMovement sent = TestAlerts.movement(AlertKind.NATIVE_OUT, "500000000000000000", null, null);
        AlertMovement received = TestAlerts.movement(AlertKind.TOKEN_IN, "1500000000", USDC, null);
        Alert swap = transaction(null, sent, received);

        assertThat(book.begin(List.of(swap))).isDone();

        assertThat(book.usd(swap, sent)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1500"));
        assertThat(book.usd(swap, received)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1500"));
        assertThat(reads).containsExactlyInAnyOrder(ETH_FEED + "@10", USDC_FEED + "@10");
    }

    @Test
    void shouldHoldBackATransactionOnlyWhenEveryMovementIsPricedAndTheLargestIsBelowTheMinimum() {
        PriceBook book = book();
        answers.put(ETH_FEED, price("3000", NOW));
        answers.put(USDC_FEED, price("1", NOW));
        AlertMovement fiftyUsdc = TestAlerts.movement(AlertKind.TOKEN_IN, "50000000", USDC, null);
        AlertMovement tenthEth = TestAlerts.movement(AlertKind.NATIVE_OUT, "100000000000000000", null, null);
        AlertMovement nft = TestAlerts.nft(AlertKind.NFT_IN, USDC, "7", "1", null);
        Alert small = transaction("100", fiftyUsdc);
        Alert large = transaction("100", fiftyUsdc, tenthEth);
        Alert withNft = transaction("100", fiftyUsdc, nft);
        Alert failed = Alert.newBuilder(small).setTxStatus(TxStatus.FAILED).build();
        Alert approving = Alert.newBuilder(small).setApprovals(List.of(TestAlerts.approval(ApprovalStandard.ERC20,
                USDC, ETH_FEED, "1", true))).build();
        Alert onlyApproving = Alert.newBuilder(approving).setMovements(List.of()).build();
        book.begin(List.of(large));

        assertThat(book.belowMinimum(small)).isTrue();
        assertThat(book.belowMinimum(large)).as("$300 of ETH").isFalse();
        assertThat(book.belowMinimum(withNft)).as("an NFT has no price").isFalse();
        assertThat(book.belowMinimum(failed)).isFalse();
        assertThat(book.belowMinimum(approving)).isFalse();
        assertThat(book.belowMinimum(onlyApproving)).isFalse();
    }
}
