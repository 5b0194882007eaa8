package io.chainwatch.bot.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.chainwatch.bot.TelegramHtmlCheck;
import io.chainwatch.bot.track.TrackPolicy;
import io.chainwatch.bot.track.Tracked;
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

    @Test
    void shouldShowBothAddressesChecksummedWhenTheNodeGivesThemInLowerCase() {
        TxStatus.Pending pending = new TxStatus.Pending(HASH, "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", Optional
                .of("0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb"), BigInteger.ZERO, 0, BigInteger.ONE,
                Optional
                        .empty());

        assertThat(TrackTexts.describe(ChainPresets.ETHEREUM, pending, Duration.ofMinutes(30))).contains(
                "<code>0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359</code> → "
                        + "<code>0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB</code>");
    }

    private static final TrackPolicy.Patience PATIENCE = new TrackPolicy.Patience(Duration.ofMinutes(30), Duration
            .ofMinutes(10));
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static Tracked seenPending() {
        return TrackPolicy.next(Tracked.asked(1, 2, "ethereum", HASH, T0), new TrackPolicy.Seen(new TxStatus.Pending(
                HASH, FROM, Optional.of(TO), BigInteger.TEN.pow(18), 42, BigInteger.TEN.pow(10), Optional.empty())),
                T0, PATIENCE);
    }

    @Test
    void shouldNameTheReplacedTransactionAboveTheStoryOfItsReplacement() {
        String other = "0x" + "9e".repeat(32);
        TxStatus.Mined replacement = new TxStatus.Mined(other, FROM, Optional.of(FROM), BigInteger.ZERO, 42, 100,
                "0xb", true, Optional.empty(), BigInteger.TEN.pow(15), 1, false);
        Tracked cancelled = TrackPolicy.next(seenPending(), new TrackPolicy.Unseen(true, Optional.of(replacement)), T0
                .plusSeconds(20), PATIENCE);

        String text = TrackTexts.tell(ChainPresets.ETHEREUM, cancelled, Optional.of(replacement), PATIENCE);

        assertThat(text).startsWith("🚫 <b>Cancelled</b>: the wallet replaced it with a transfer of nothing to itself\n"
                + "Was: <code>" + HASH + "</code>\nNow:\n✅ <b>Succeeded</b> on <b>Ethereum</b>\nBlock #100 · ")
                .contains(other).endsWith("\n<i>I will keep this message up to date.</i>");
        TelegramHtmlCheck.plainText(text);
    }

    @Test
    void shouldSayWhatItMeansThatNoNodeShowsTheTransactionAnyMore() {
        Tracked gone = TrackPolicy.next(seenPending(), TrackPolicy.Unseen.NOWHERE, T0.plusSeconds(5), PATIENCE);
        Tracked dropped = TrackPolicy.next(gone, TrackPolicy.Unseen.NOWHERE, T0.plus(Duration.ofMinutes(11)),
                PATIENCE);
        Tracked replaced = TrackPolicy.next(seenPending(), new TrackPolicy.Unseen(true, Optional.empty()), T0
                .plusSeconds(5), PATIENCE);

        assertThat(TrackTexts.tell(ChainPresets.ETHEREUM, gone, Optional.empty(), PATIENCE)).isEqualTo("""
                ⚠️ <b>Left the pool</b> on <b>Ethereum</b>: no node has it now. If it does not come back within \
                10 minutes, it was dropped.
                <code>%s</code> → <code>%s</code> · 1 ETH · nonce 42
                <a href="https://etherscan.io/tx/%s">%s</a>
                <i>I will keep this message up to date.</i>""".formatted(FROM, TO, HASH, HASH));
        assertThat(TrackTexts.tell(ChainPresets.ETHEREUM, dropped, Optional.empty(), PATIENCE)).startsWith(
                "🗑 <b>Dropped</b> on <b>Ethereum</b>: it left the nodes' pool and did not come back, so it will not be "
                        + "mined and cost nothing; nonce 42 is free again.\n<a href=")
                .doesNotContain("up to date");
        assertThat(TrackTexts.tell(ChainPresets.ETHEREUM, replaced, Optional.empty(), PATIENCE)).startsWith(
                "🔁 <b>Replaced</b> on <b>Ethereum</b>: another transaction of the sender used nonce 42, so this one "
                        + "will never be mined.\n");
        Tracked neverSeen = TrackPolicy.next(Tracked.asked(1, 2, "ethereum", HASH, T0), TrackPolicy.Unseen.NOWHERE, T0
                .plus(Duration.ofMinutes(30)), PATIENCE);
        assertThat(TrackTexts.tell(ChainPresets.ETHEREUM, neverSeen, Optional.empty(), PATIENCE)).startsWith(
                "🔎 <b>Not found</b> on <b>Ethereum</b>: no node saw it in 30 minutes, so I stopped looking. Check "
                        + "the hash and the chain, then /track it again.\n");
    }

    @Test
    void shouldSayWhichBlockAReorgTookAway() {
        TxStatus.Mined first = new TxStatus.Mined(HASH, FROM, Optional.of(TO), BigInteger.ONE, 42, 100, "0xa", true,
                Optional.empty(), BigInteger.ONE, 1, false);
        TxStatus.Mined again = new TxStatus.Mined(HASH, FROM, Optional.of(TO), BigInteger.ONE, 42, 101, "0xb", true,
                Optional.empty(), BigInteger.ONE, 1, false);
        Tracked mined = TrackPolicy.next(seenPending(), new TrackPolicy.Seen(first), T0, PATIENCE);
        Tracked moved = TrackPolicy.next(mined, new TrackPolicy.Seen(again), T0.plusSeconds(12), PATIENCE);

        assertThat(TrackTexts.tell(ChainPresets.ETHEREUM, moved, Optional.of(again), PATIENCE)).startsWith(
                "↩️ Block #100 was orphaned by a reorg\n✅ <b>Succeeded</b> on <b>Ethereum</b>\nBlock #101 · ");
    }

    @Test
    void shouldEndAStoryOnAChainNoLongerFollowedWithoutPromisingMore() {
        Tracked pending = seenPending();
        String shown = TrackTexts.tell(ChainPresets.ETHEREUM, pending, Optional.empty(), PATIENCE);

        String stopped = TrackTexts.story(List.of(), PATIENCE).stopped(pending, shown);

        assertThat(shown).endsWith("<i>I will keep this message up to date.</i>");
        assertThat(stopped).startsWith(shown.substring(0, shown.indexOf("\n<i>I will keep"))).endsWith(
                "\n⏹ This bot no longer follows <b>Ethereum</b>, so this story stops here.").doesNotContain(
                        "up to date");
    }
}
