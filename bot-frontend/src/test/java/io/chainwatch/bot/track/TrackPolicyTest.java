package io.chainwatch.bot.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.chainwatch.bot.track.TrackPolicy.Patience;
import io.chainwatch.bot.track.TrackPolicy.Seen;
import io.chainwatch.bot.track.TrackPolicy.Unseen;
import io.chainwatch.bot.track.Tracked.How;

class TrackPolicyTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Patience PATIENCE = new Patience(Duration.ofMinutes(10), Duration.ofMinutes(5));
    private static final String HASH = "0x" + "aa".repeat(32);
    private static final String OTHER = "0x" + "bb".repeat(32);
    private static final String ALICE = "0x" + "a1".repeat(20);
    private static final String BOB = "0x" + "b0".repeat(20);
    private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);

    private static Tracked asked() {
        return Tracked.asked(7, 42, "devnet", HASH, T0);
    }

    private static TxStatus.Pending pending(String hash, String to, BigInteger value) {
        return new TxStatus.Pending(hash, ALICE, Optional.of(to), value, 5, BigInteger.valueOf(30_000_000_000L),
                Optional.empty());
    }

    private static TxStatus.Mined mined(String hash, String to, BigInteger value, long block, String blockHash,
            boolean finalized) {
        return new TxStatus.Mined(hash, ALICE, Optional.of(to), value, 5, block, blockHash, true, Optional.empty(),
                BigInteger.valueOf(21_000), 1, finalized);
    }

    private static Tracked next(Tracked row, TrackPolicy.Observation seen, Duration after) {
        return TrackPolicy.next(row, seen, T0.plus(after), PATIENCE);
    }

    @Test
    void shouldFollowAPendingTransactionUntilItsBlockIsFinal() {
        Tracked pending = next(asked(), new Seen(pending(HASH, BOB, ONE_ETH)), Duration.ZERO);
        assertThat(pending.phase()).isEqualTo(TrackPhase.PENDING);
        assertThat(pending.sender()).contains(new Tracked.Sender(ALICE, 5));

        Tracked mined = next(pending, new Seen(mined(HASH, BOB, ONE_ETH, 100, "0x01", false)), Duration.ofSeconds(
                12));
        assertThat(mined.phase()).isEqualTo(TrackPhase.MINED);
        assertThat(mined.block()).hasValue(100);
        assertThat(mined.changedAt()).isEqualTo(T0.plusSeconds(12));
        assertThat(mined.orphanedBlock()).isEmpty();

        Tracked last = next(mined, new Seen(mined(HASH, BOB, ONE_ETH, 100, "0x01", true)), Duration.ofMinutes(13));
        assertThat(last.phase()).isEqualTo(TrackPhase.FINAL);
        assertThat(last.phase().ended()).isTrue();
        // an ended story does not change again
        assertThat(next(last, Unseen.NOWHERE, Duration.ofHours(1))).isEqualTo(last);
    }

    @Test
    void shouldLookForAnUnknownHashUntilThePatienceRunsOut() {
        Tracked stillLooking = next(asked(), Unseen.NOWHERE, Duration.ofMinutes(9));
        assertThat(stillLooking).isEqualTo(asked());

        assertThat(next(asked(), Unseen.NOWHERE, Duration.ofMinutes(10)).phase()).isEqualTo(TrackPhase.NOT_FOUND);
    }

    @Test
    void shouldCallATransactionDroppedOnlyWhenItStaysOutOfThePool() {
        Tracked pending = next(asked(), new Seen(pending(HASH, BOB, ONE_ETH)), Duration.ZERO);
        Tracked gone = next(pending, Unseen.NOWHERE, Duration.ofMinutes(1));
        assertThat(gone.phase()).isEqualTo(TrackPhase.GONE);
        assertThat(gone.changedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));

        assertThat(next(gone, Unseen.NOWHERE, Duration.ofMinutes(5)).phase()).isEqualTo(TrackPhase.GONE);
        assertThat(next(gone, new Seen(pending(HASH, BOB, ONE_ETH)), Duration.ofMinutes(5)).phase()).as(
                "back in the pool").isEqualTo(TrackPhase.PENDING);
        assertThat(next(gone, Unseen.NOWHERE, Duration.ofMinutes(6)).phase()).isEqualTo(TrackPhase.DROPPED);
    }

    @Test
    void shouldFollowASpeedUpInTheSameStory() {
        Tracked pending = next(asked(), new Seen(pending(HASH, BOB, ONE_ETH)), Duration.ZERO);

        Tracked sped = next(pending, new Unseen(true, Optional.of(mined(OTHER, BOB, ONE_ETH, 101, "0x02", false))),
                Duration.ofSeconds(30));

        assertThat(sped.replacement()).contains(new Tracked.Replacement(OTHER, How.SPED_UP));
        assertThat(sped.current()).isEqualTo(OTHER);
        assertThat(sped.hash()).isEqualTo(HASH);
        assertThat(sped.phase()).isEqualTo(TrackPhase.MINED);
        assertThat(sped.block()).hasValue(101);
        assertThat(sped.to()).as("what the replaced one sent, to classify later looks").contains(BOB);
    }

    @Test
    void shouldRecogniseACancelAsNothingSentToTheSenderItself() {
        Tracked pending = next(asked(), new Seen(pending(HASH, BOB, ONE_ETH)), Duration.ZERO);

        Tracked cancelled = next(pending, new Unseen(true, Optional.of(mined(OTHER, ALICE, BigInteger.ZERO, 101,
                "0x02", false))), Duration.ofSeconds(30));

        assertThat(cancelled.replacement()).contains(new Tracked.Replacement(OTHER, How.CANCELLED));
        assertThat(TrackPolicy.how(pending, mined(OTHER, BOB, BigInteger.TWO, 101, "0x02", false))).isEqualTo(
                How.REPLACED);
    }

    @Test
    void shouldEndAsReplacedWhenTheNonceWasUsedByATransactionNotFound() {
        Tracked pending = next(asked(), new Seen(pending(HASH, BOB, ONE_ETH)), Duration.ZERO);

        Tracked replaced = next(pending, new Unseen(true, Optional.empty()), Duration.ofMinutes(1));

        assertThat(replaced.phase()).isEqualTo(TrackPhase.REPLACED);
        assertThat(replaced.phase().ended()).isTrue();
    }

    @Test
    void shouldSayWhichBlockAReorgTookAway() {
        Tracked mined = next(asked(), new Seen(mined(HASH, BOB, ONE_ETH, 100, "0x01", false)), Duration.ZERO);

        Tracked backInPool = next(mined, new Seen(pending(HASH, BOB, ONE_ETH)), Duration.ofSeconds(12));
        assertThat(backInPool.phase()).isEqualTo(TrackPhase.PENDING);
        assertThat(backInPool.orphanedBlock()).hasValue(100);
        assertThat(backInPool.block()).isEmpty();

        Tracked movedDirectly = next(mined, new Seen(mined(HASH, BOB, ONE_ETH, 101, "0x03", false)), Duration
                .ofSeconds(12));
        assertThat(movedDirectly.phase()).isEqualTo(TrackPhase.MINED);
        assertThat(movedDirectly.block()).hasValue(101);
        assertThat(movedDirectly.orphanedBlock()).hasValue(100);

        Tracked sameBlockAgain = next(mined, new Seen(mined(HASH, BOB, ONE_ETH, 100, "0x01", false)), Duration
                .ofSeconds(12));
        assertThat(sameBlockAgain.orphanedBlock()).isEmpty();

        Tracked out = next(mined, Unseen.NOWHERE, Duration.ofSeconds(12));
        assertThat(out.phase()).isEqualTo(TrackPhase.GONE);
        assertThat(out.orphanedBlock()).hasValue(100);
        assertThat(out.block()).isEqualTo(OptionalLong.empty());
    }
}
