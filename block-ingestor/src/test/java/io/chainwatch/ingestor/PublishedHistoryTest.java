package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;

class PublishedHistoryTest {

    private static BlockEvent event(BlockEventType type, long number, String hash, boolean backfill) {
        return BlockEvent.newBuilder().setChain("devnet").setType(type).setNumber(number).setHash(hash).setParentHash(
                "").setTimestamp(0).setTransactions(List.of()).setObservedAtMillis(0).setBackfill(backfill).build();
    }

    private static Map<Long, String> replay(List<BlockEvent> events, long from, long to) {
        Map<Long, BlockEvent> latest = new HashMap<>();
        events.forEach(e -> PublishedHistory.latest(latest, e, from, to));
        return PublishedHistory.live(latest);
    }

    @Test
    void shouldKeepTheHashOfTheLastAppliedBlockAtEachHeight() {
        List<BlockEvent> events = List.of(event(BlockEventType.APPLIED, 5, "0xa5", false), event(
                BlockEventType.APPLIED, 6, "0xa6", false), event(BlockEventType.REVERTED, 6, "0xa6", false),
                event(
                        BlockEventType.APPLIED, 6, "0xb6", false));
        assertThat(replay(events, 0, 10)).containsExactlyInAnyOrderEntriesOf(Map.of(5L, "0xa5", 6L, "0xb6"));
    }

    @Test
    void shouldForgetAHeightWhoseLastEventRevertedIt() {
        List<BlockEvent> events = List.of(event(BlockEventType.APPLIED, 7, "0xa7", false), event(
                BlockEventType.REVERTED, 7, "0xa7", false));
        assertThat(replay(events, 0, 10)).isEmpty();
    }

    @Test
    void shouldIgnoreBackfilledEventsAndHeightsOutsideTheRange() {
        List<BlockEvent> events = List.of(event(BlockEventType.APPLIED, 3, "0xa3", false), event(
                BlockEventType.APPLIED, 3, "0xstale", true), event(BlockEventType.APPLIED, 11, "0xa11", false));
        assertThat(replay(events, 0, 10)).containsExactlyInAnyOrderEntriesOf(Map.of(3L, "0xa3"));
    }
}
