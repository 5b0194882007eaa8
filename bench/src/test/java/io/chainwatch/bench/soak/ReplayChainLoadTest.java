package io.chainwatch.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.replay.LiveReplayChain;

class ReplayChainLoadTest {

    static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    static final long FIRST_CHAT = 5_000_000;

    final Rhythm bsc = new Rhythm(Duration.ofMillis(450), 200, Duration.ofSeconds(60), Duration.ofSeconds(300), 2000,
            Duration.ofSeconds(10));
    final WatchedAddresses watched = new WatchedAddresses(List.of("bsc", "ethereum"), 100_000, 2000, FIRST_CHAT);

    /** What a load told its listener. */
    static final class Recorded implements ChainLoad.Listener {
        record Made(String chain, long number, Instant at) {
        }

        record Sent(String chain, String txHash, long chatId, boolean token, Instant at) {
        }

        final List<Made> made = new CopyOnWriteArrayList<>();
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void blockMade(String chain, long number, Instant at) {
            made.add(new Made(chain, number, at));
        }

        @Override
        public void watchedSent(String chain, String txHash, long chatId, boolean token, Instant at) {
            sent.add(new Sent(chain, txHash, chatId, token, at));
        }
    }

    @Test
    void blocksAreDueAtAbsoluteDeadlinesAndHoldTheRhythmsTransactions() {
        assertThat(ReplayChainLoad.deadline(T0, Duration.ofMillis(450), 1)).isEqualTo(T0.plusMillis(450));
        assertThat(ReplayChainLoad.deadline(T0, Duration.ofMillis(450), 8_000)).isEqualTo(T0.plusSeconds(3600));
        assertThat(ReplayChainLoad.txCount(bsc, Duration.ofSeconds(30))).isEqualTo(200);
        assertThat(ReplayChainLoad.txCount(bsc, Duration.ofSeconds(61))).isEqualTo(900); // 2,000 tx/s × 0.45 s
        assertThat(ReplayChainLoad.txCount(bsc, Duration.ofSeconds(71))).isEqualTo(200);
    }

    @Test
    void eachBlockTellsItsWatchedTransactionsThenTheBlockAtTheInstantItBecameTheHead() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (ReplayChainLoad load = new ReplayChainLoad("bsc", 56, bsc, watched, 0.05, 0.3, 20, 7, clock)) {
            Recorded recorded = new Recorded();
            load.listen(T0, recorded);
            for (long k = 1; k <= 20; k++) {
                assertThat(load.produce(k)).isEqualTo(k);
            }
            assertThat(recorded.made).extracting(Recorded.Made::number).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
            assertThat(recorded.made).allMatch(m -> m.chain().equals("bsc") && m.at().equals(T0));
            assertThat(load.submitted()).isEqualTo(20 * 200);
            // ~5 % of 4,000 watched, each one a transaction of its block
            assertThat(recorded.sent).hasSizeBetween(140, 260);
            LiveReplayChain chain = load.node().liveChain();
            List<String> hashes = java.util.stream.LongStream.rangeClosed(1, 20).boxed().flatMap(n -> chain.txHashes(n)
                    .orElseThrow().stream()).toList();
            assertThat(recorded.sent).allMatch(s -> hashes.contains(s.txHash()));
            assertThat(recorded.sent.stream().filter(Recorded.Sent::token).count()).isBetween(30L, 110L);
            assertThat(load.refused()).isZero();
            assertThat(load.nodePid()).isEqualTo(-1);
            assertThat(load.describe()).contains("bsc on the replay node");
            // a burst block (61 s in) holds 900, its watched recipients in the 20 hot chats
            Recorded burst = new Recorded();
            load.listen(T0, burst);
            load.produce(136); // 136 × 0.45 s = 61.2 s
            assertThat(load.submitted()).isEqualTo(20 * 200 + 900);
            assertThat(burst.sent).isNotEmpty().allMatch(s -> s.chatId() < FIRST_CHAT + 20);
        }
    }

    @Test
    void recipientsAreDrawnAsOnAnvilWatchedOnesFromTheWatchesAndOthersFromNobodysPool() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (ReplayChainLoad load = new ReplayChainLoad("ethereum", 1, bsc, watched, 0.5, 0.5, 0, 3, clock)) {
            List<ReplayChainLoad.Planned> planned = load.plan(2_000, false);
            java.util.Set<String> all = new java.util.HashSet<>(watched.all().stream().map(w -> w.address()).toList());
            for (ReplayChainLoad.Planned p : planned) {
                if (p.watch() != null) {
                    assertThat(p.tx().to()).isEqualTo(p.watch().address());
                    assertThat(p.watch().chain()).isEqualTo("ethereum");
                } else {
                    assertThat(all.contains(p.tx().to())).as("%s watched", p.tx().to()).isFalse();
                }
            }
            assertThat(planned.stream().filter(p -> p.watch() != null).count()).isBetween(900L, 1100L);
            assertThat(planned.stream().filter(p -> p.tx().kind() == LiveReplayChain.Kind.TOKEN).count()).isBetween(
                    900L, 1100L);
        }
    }

    @Test
    void aRunningLoadMakesConsecutiveBlocksNeverBeforeTheirDeadlines() throws Exception {
        // how late a block is depends on the machine's load, so only what holds on any machine is asserted: the
        // scheduling itself is tested above with a fixed clock
        Rhythm fast = new Rhythm(Duration.ofMillis(100), 10, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
        Clock clock = Clock.systemUTC();
        try (ReplayChainLoad load = new ReplayChainLoad("bsc", 56, fast, watched, 0.1, 0.3, 0, 1, clock)) {
            Recorded recorded = new Recorded();
            Instant start = clock.instant();
            load.begin(start, recorded);
            await().atMost(Duration.ofSeconds(30)).until(() -> recorded.made.size() >= 5);
            load.stop();
            List<Recorded.Made> made = List.copyOf(recorded.made);
            for (int k = 1; k < made.size(); k++) {
                assertThat(made.get(k).number()).isEqualTo(made.get(k - 1).number() + 1);
            }
            for (Recorded.Made m : made) {
                Instant due = ReplayChainLoad.deadline(start, fast.blockTime(), m.number());
                assertThat(m.at()).as("block %d", m.number()).isAfterOrEqualTo(due);
            }
        }
    }
}
