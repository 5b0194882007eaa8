package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.chainwatch.standalone.ReplayPlan.From;
import io.chainwatch.standalone.ReplayPlan.PartitionState;
import io.chainwatch.standalone.ReplayPlan.Row;

class ReplayPlanTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static PartitionState partition(int p, Long committed, long start, long end, Long atTimestamp) {
        return new PartitionState(new TopicPartition("chainwatch.alerts", p), committed == null
                ? OptionalLong.empty()
                : OptionalLong.of(committed), start, end,
                atTimestamp == null
                        ? OptionalLong.empty()
                        : OptionalLong.of(atTimestamp));
    }

    @ParameterizedTest
    @CsvSource({"2026-11-29T10:00:00Z,2026-11-29T10:00:00Z", "-2h,2026-11-29T10:00:00Z",
            "-30m,2026-11-29T11:30:00Z", "-1d,2026-11-28T12:00:00Z", "-90s,2026-11-29T11:58:30Z",
            "-500ms,2026-11-29T11:59:59.500Z"})
    void shouldParseAnInstantOrATimeAgoWhenFromIsATime(String text, String expected) {
        assertThat(ReplayPlan.parseFrom(text, CLOCK)).isEqualTo(new From.At(Instant.parse(expected)));
    }

    @Test
    void shouldParseOffsetsAndEarliestWhenFromNamesThem() {
        assertThat(ReplayPlan.parseFrom("offset:42", CLOCK)).isEqualTo(new From.Offset(42));
        assertThat(ReplayPlan.parseFrom("EARLIEST", CLOCK)).isEqualTo(new From.Earliest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2h", "-2w", "offset:-1", "offset:x", "2026-11-29 10:00",
            "2027-01-01T00:00:00Z"})
    void shouldRefuseWhenFromIsNotUnderstood(String text) {
        assertThatThrownBy(() -> ReplayPlan.parseFrom(text, CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--from");
    }

    @Test
    void shouldRewindToTheFirstRecordAtTheTimeAndToLatestWhereNoRecordIsThatNew() {
        ReplayPlan plan = ReplayPlan.compute(new From.At(NOW), List.of(partition(0, 100L, 0, 120, 80L), partition(
                1, 50L, 0, 50, null)), false);

        assertThat(plan.rows()).extracting(Row::newOffset).containsExactly(80L, 50L);
        assertThat(plan.rows()).extracting(Row::changes).containsExactly(true, false);
        assertThat(plan.rows().get(1).note()).contains("latest");
    }

    @Test
    void shouldNeverMoveAGroupForwardWhenItHasNotGotThatFarYet() {
        ReplayPlan plan = ReplayPlan.compute(new From.Offset(70), List.of(partition(0, 30L, 0, 120, null),
                partition(1, null, 10, 120, null)), false);

        assertThat(plan.rows()).extracting(Row::newOffset).containsExactly(30L, 10L);
        assertThat(plan.rows()).extracting(Row::changes).containsExactly(false, false);
        assertThat(plan.rows().get(0).note()).contains("kept");
    }

    @Test
    void shouldUseTheOldestRetainedRecordWhenEarliestOrAnOffsetNoLongerRetained() {
        List<PartitionState> partitions = List.of(partition(0, 100L, 40, 120, null));

        assertThat(ReplayPlan.compute(new From.Earliest(), partitions, false).rows()).extracting(Row::newOffset)
                .containsExactly(40L);
        assertThat(ReplayPlan.compute(new From.Offset(5), partitions, false).rows()).singleElement().satisfies(
                r -> assertThat(r.newOffset()).isEqualTo(40L)).satisfies(
                        r -> assertThat(r.note()).contains(
                                "no longer retained"));
    }

    @Test
    void shouldUseTheEndOfAPartitionWhenTheOffsetIsPastIt() {
        ReplayPlan plan = ReplayPlan.compute(new From.Offset(200), List.of(partition(0, 300L, 0, 400, null),
                partition(1, 20L, 0, 20, null)), false);

        assertThat(plan.rows()).extracting(Row::newOffset).containsExactly(200L, 20L);
        assertThat(plan.rows()).extracting(Row::changes).containsExactly(true, false);
        assertThat(plan.rows().get(1).note()).contains("past the end");
    }

    @Test
    void shouldStartPartitionsWithoutACommittedOffsetAtTheTargetOnlyWhenToLatestIfMissing() {
        List<PartitionState> partitions = List.of(partition(0, null, 0, 400, 350L), partition(1, null, 0, 20, null),
                partition(2, 10L, 0, 20, null));

        ReplayPlan safe = ReplayPlan.compute(new From.At(NOW), partitions, false);
        ReplayPlan toLatest = ReplayPlan.compute(new From.At(NOW), partitions, true);

        assertThat(safe.rows()).extracting(Row::newOffset).containsExactly(0L, 0L, 10L);
        assertThat(safe.rows()).extracting(Row::changes).containsExactly(false, false, false);
        assertThat(toLatest.rows()).extracting(Row::newOffset).containsExactly(350L, 20L, 10L);
        assertThat(toLatest.rows()).extracting(Row::changes).containsExactly(true, true, false);
    }

    @Test
    void shouldPrintOldAndNewOffsetOfEveryPartition() {
        String table = ReplayPlan.compute(new From.Earliest(), List.of(partition(0, 7L, 0, 9, null), partition(1,
                null, 0, 0, null)), false).table();

        assertThat(table.lines()).hasSize(3);
        assertThat(table).containsPattern("chainwatch.alerts-0 +7 -> +0").containsPattern(
                "chainwatch.alerts-1 +\\(none\\) -> +0");
    }
}
