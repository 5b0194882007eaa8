package io.chainwatch.bot.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.chainwatch.bot.TelegramHtmlCheck;
import io.chainwatch.bot.TestChains;
import io.chainwatch.bot.chain.ChainCoverage.ChainStatus;
import io.chainwatch.bot.chain.CoverageSource.Cursor;

class ChainTextsTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @ParameterizedTest
    @CsvSource({"0, 0", "1, &lt;0.0001", "52345678, 0.052", "1000000000, 1", "1500000000, 1.5", "1234567890, 1.23",
            "12345678900, 12.3", "99960000000, 100", "123456789012, 123", "1234500000000, '1,235'",
            "100000, 0.0001"})
    void shouldRoundGweiSensiblyWhenFormattingWei(String wei, String expected) {
        assertThat(ChainTexts.gwei(new BigInteger(wei))).isEqualTo(expected);
    }

    @Test
    void shouldShowBaseFeeTipsTrendAndMaxFeeWhenChainHasFeeMarket() {
        GasQuote.FeeMarket quote = new GasQuote.FeeMarket(21_000_123, 20, gwei(12_300), gwei(13_400), gwei(50), gwei(
                100), gwei(1_500));

        String text = ChainTexts.gas(TestChains.chain("ethereum"), quote);

        assertThat(text).isEqualTo("""
                ⛽ <b>Ethereum</b> · block #21,000,123
                Base fee: <b>12.3 gwei</b> for the next block (↓ 8% over 20 blocks)
                Priority fee (tip), median of the last 20 blocks:
                🐢 0.05 · 🚶 0.1 · 🚀 1.5 gwei
                Max fee with the 🚶 tip: about <b>24.7 gwei</b> (2 × base fee + tip)""");
        TelegramHtmlCheck.plainText(text);
    }

    @Test
    void shouldShowGasPriceWhenChainHasNoFeeHistory() {
        String text = ChainTexts.gas(TestChains.chain("bsc"),
                new GasQuote.GasPrice(BigInteger.valueOf(3_000_000_000L)));

        assertThat(text).contains("BNB Smart Chain").contains("Gas price: <b>3 gwei</b>");
    }

    @Test
    void shouldSayNodesAreUnreachableInAFriendlyWay() {
        assertThat(ChainTexts.nodesUnreachable(TestChains.chain("ethereum"))).isEqualTo(
                "📡 Couldn't reach <b>Ethereum</b> nodes right now. Please try again in a minute.");
    }

    @Test
    void shouldShowBlockAgeLagAndConfirmationsWhenCursorAndHeadAreKnown() {
        ChainStatus eth = new ChainStatus(TestChains.chain("ethereum"), Optional.of(new Cursor(21_000_000, "0xab", NOW
                .minusSeconds(12))), OptionalLong.of(21_000_002), null);
        ChainStatus bsc = new ChainStatus(TestChains.chain("bsc"), Optional.of(new Cursor(40_000_000, "0xcd", NOW
                .minusSeconds(240))), OptionalLong.of(40_000_120), 5);
        ChainStatus devnet = new ChainStatus(TestChains.chain("devnet"), Optional.empty(), OptionalLong.empty(), null);

        String text = ChainTexts.coverage(java.util.List.of(eth, bsc, devnet), NOW);

        assertThat(text).isEqualTo("""
                <b>Coverage</b>
                🟢 <b>Ethereum</b>: block #21,000,000, 12 s ago, 2 blocks behind the head
                    alerts after 2 confirmations (default)
                🔴 <b>BNB Smart Chain</b>: block #40,000,000, 4 min ago, 120 blocks behind the head
                    alerts after 5 confirmations (this chat)
                ⚪ <b>Devnet</b>: no block processed yet
                    alerts after 0 confirmations (default)""");
        TelegramHtmlCheck.plainText(text);
    }

    @ParameterizedTest
    @CsvSource({"30, 🟢", "300, 🟡", "3600, 🔴"})
    void shouldJudgeByCursorAgeWhenHeadIsUnknown(long ageSeconds, String light) {
        ChainStatus status = new ChainStatus(TestChains.chain("ethereum"), Optional.of(new Cursor(1, "0x1", NOW
                .minusSeconds(ageSeconds))), OptionalLong.empty(), null);

        assertThat(ChainTexts.light(status, NOW)).isEqualTo(light);
        assertThat(ChainTexts.chainLine(status, NOW)).contains("head unknown");
    }

    @ParameterizedTest
    @CsvSource({"0, just now", "5, 5 s ago", "89, 89 s ago", "600, 10 min ago", "7200, 2 h ago", "259200, 3 d ago"})
    void shouldSayAgeInWordsWhenFormattingDurations(long seconds, String expected) {
        assertThat(ChainTexts.age(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    private static BigInteger gwei(long milliGwei) {
        return BigInteger.valueOf(milliGwei).multiply(BigInteger.valueOf(1_000_000));
    }
}
