package io.chainwatch.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.chainwatch.bench.services.Subscriptions.Watch;
import io.chainwatch.bench.stats.Trend.Point;

class SoakPiecesTest {

    static final String A = "0x" + "a".repeat(64);
    static final String B = "0x" + "b".repeat(64);
    static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    final Rhythm bsc = new Rhythm(Duration.ofMillis(450), 200, Duration.ofSeconds(60), Duration.ofSeconds(300), 2000,
            Duration.ofSeconds(10));

    @Test
    void aRhythmHasItsSteadyRateAndItsBursts() {
        assertThat(bsc.steadyTps()).isCloseTo(444.4, org.assertj.core.api.Assertions.within(0.1));
        assertThat(bsc.inBurst(Duration.ofSeconds(59))).isFalse();
        assertThat(bsc.inBurst(Duration.ofSeconds(60))).isTrue();
        assertThat(bsc.inBurst(Duration.ofSeconds(70))).isFalse();
        assertThat(bsc.burstIndex(Duration.ofSeconds(70), Duration.ofSeconds(30))).isZero();
        assertThat(bsc.burstIndex(Duration.ofSeconds(365), Duration.ZERO)).isEqualTo(1);
        assertThat(bsc.tpsAt(Duration.ofSeconds(65))).isEqualTo(2000);
        // 60 s steady, then 5 s of burst
        assertThat(bsc.dueBy(Duration.ofSeconds(65), Duration.ofMillis(50))).isBetween(36_666L - 2, 36_667L);
        Rhythm none = new Rhythm(Duration.ofSeconds(12), 265, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
        assertThat(none.inBurst(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void watchesSpreadEachChainOverEveryChatAndHotPicksStayInTheHotChats() {
        WatchedAddresses watched = new WatchedAddresses(List.of("bsc", "ethereum"), 100_000, 2000, 5_000_000);
        List<Watch> all = watched.all();
        assertThat(all).hasSize(100_000);
        assertThat(all.stream().filter(w -> w.chain().equals("bsc")).map(Watch::chatId).distinct().count())
                .isEqualTo(2000);
        assertThat(all.stream().map(Watch::address).distinct().count()).isEqualTo(100_000);
        Set<Watch> set = new HashSet<>(all);
        Set<String> addresses = new HashSet<>(all.stream().map(Watch::address).toList());
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            Watch any = watched.pick("ethereum", random, 0);
            assertThat(set.contains(any)).as("a watch: %s", any).isTrue();
            Watch hot = watched.pick("bsc", random, 20);
            assertThat(set.contains(hot)).as("a watch: %s", hot).isTrue();
            assertThat(hot.chatId()).isLessThan(5_000_020);
            assertThat(addresses.contains(watched.unwatched(random))).isFalse();
        }
    }

    @Test
    void deliveriesCountLostDuplicatedAndDigests() {
        Set<Deliveries.Key> expected = Set.of(new Deliveries.Key(1, A), new Deliveries.Key(2, A), new Deliveries.Key(
                2, B));
        List<Deliveries.Message> messages = List.of(new Deliveries.Message(1, "⬇️ Received <a href=\"x/" + A
                + "\">tx</a> " + A, T0, false), new Deliveries.Message(1, "edited " + A, T0.plusSeconds(5), true),
                new Deliveries.Message(1, "again " + A.toUpperCase().replace("0X", "0x"), T0.plusSeconds(9), false),
                new Deliveries.Message(2, "📦 2 new alerts\n" + B + "\n" + "0x" + "c".repeat(64), T0.plusSeconds(1),
                        false));
        Deliveries.Result result = Deliveries.reconcile(expected, messages);
        assertThat(result.deliveredAt()).containsOnlyKeys(new Deliveries.Key(1, A), new Deliveries.Key(2, B));
        assertThat(result.deliveredAt().get(new Deliveries.Key(1, A))).isEqualTo(T0);
        assertThat(result.lost()).containsExactly(new Deliveries.Key(2, A));
        assertThat(result.duplicated()).isEqualTo(1);
        assertThat(result.unexpected()).isEqualTo(1);
        assertThat(result.messages()).isEqualTo(3);
        assertThat(result.edits()).isEqualTo(1);
    }

    @Test
    void thePageIsSelfContained() {
        String page = SoakPage.html("soak <1>", "a & b", List.of(new SoakPage.Chart("RSS", "minutes", "MB", List.of(
                new SoakPage.Series("notifier", List.of(new Point(0, 100), new Point(1, 120))), new SoakPage.Series(
                        "empty", List.of())))));
        assertThat(page).contains("<svg", "<polyline", "notifier", "soak &lt;1&gt;", "a &amp; b").doesNotContain(
                "<script", "http://", "https://");
    }
}
