package io.chainwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.chainwatch.bot.track.TxStatus;
import io.chainwatch.schema.ChainPresets;

class TrackTextsTest {

    static final String HASH = "0x" + "5c".repeat(32);
    static final String FROM = "0x" + "11".repeat(20);
    static final String TO = "0x" + "22".repeat(20);

    @Test
    void shouldTellAFailedTransactionWithItsEscapedReasonFeeAndExplorerLink() {
        TxStatus.Mined failed = new TxStatus.Mined(HASH, FROM, Optional.of(TO), BigInteger.ZERO, 7, 21_000_123,
                "0xblock", false, Optional.of("<script>steal()</script>"), new BigInteger("420000000000000"), 1,
                false);

        assertThat(TrackTexts.describe(ChainPresets.ETHEREUM, failed, Duration.ofMinutes(30))).isEqualTo("""
                ❌ <b>Failed</b> on <b>Ethereum</b>: &lt;script&gt;steal()&lt;/script&gt;
                Block #21,000,123 · 1 confirmation · not final yet
                Fee paid, though it failed: 0.00042 ETH
                <code>%s</code> → <code>%s</code>
                <a href="https://etherscan.io/tx/%s">%s</a>""".formatted(FROM, TO, HASH, HASH));
    }

    @Test
    void shouldSayRevertedWhenTheNodeGaveNoReasonAndNameACreatedContract() {
        TxStatus.Mined failed = new TxStatus.Mined(HASH, FROM, Optional.empty(), BigInteger.ZERO, 7, 5, "0xblock",
                false, Optional.empty(), BigInteger.ONE, 1_200, true);

        assertThat(TrackTexts.describe(ChainPresets.BSC, failed, Duration.ofMinutes(30))).startsWith(
                "❌ <b>Failed</b> on <b>BNB Smart Chain</b> (reverted)\nBlock #5 · 1,200 confirmations · final\n"
                        + "Fee paid, though it failed: &lt;0.00000001 BNB\n<code>" + FROM + "</code> → new contract\n");
    }

    @Test
    void shouldShowTheFeeOfferedByAPendingTransaction() {
        TxStatus.Pending pending = new TxStatus.Pending(HASH, FROM, Optional.of(TO), new BigInteger(
                "1500000000000000000"), 42, new BigInteger("35200000000"), Optional.of(new BigInteger("1500000000")));

        assertThat(TrackTexts.describe(ChainPresets.ETHEREUM, pending, Duration.ofMinutes(30))).isEqualTo("""
                ⏳ <b>Pending</b> on <b>Ethereum</b>: waiting in the nodes' pool, not mined yet
                <code>%s</code> → <code>%s</code> · 1.5 ETH · nonce 42
                Fee offered: up to 35.2 gwei per gas (tip 1.5 gwei)
                <a href="https://etherscan.io/tx/%s">%s</a>""".formatted(FROM, TO, HASH, HASH));
    }
}
