package io.chainwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P = new TopicPartition("chainwatch.alerts", 3);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void shouldCommitUpToButExcludingTheOldestAlertNotYetDone() {
        for (long offset = 10; offset < 15; offset++) {
            tracker.add(P, offset);
        }
        tracker.done(P, 10);
        tracker.done(P, 12);
        tracker.done(P, 13);

        assertThat(tracker.toCommit()).containsEntry(P, new OffsetAndMetadata(11));
    }

    @Test
    void shouldCommitPastTheNewestOffsetWhenEverythingIsDone() {
        tracker.add(P, 10);
        tracker.skip(P, 11);
        tracker.done(P, 10);

        assertThat(tracker.toCommit()).containsEntry(P, new OffsetAndMetadata(12));
    }

    @Test
    void shouldOnlyReportOffsetsThatMovedSinceTheLastCommit() {
        tracker.add(P, 10);
        tracker.committed(tracker.toCommit());

        assertThat(tracker.toCommit()).isEmpty();
        tracker.done(P, 10);
        assertThat(tracker.toCommit()).containsEntry(P, new OffsetAndMetadata(11));
    }

    @Test
    void shouldForgetLostPartitions() {
        tracker.add(P, 10);
        tracker.forget(List.of(P));
        tracker.done(P, 10);

        assertThat(tracker.toCommit()).isEmpty();
        assertThat(tracker.pendingCount()).isZero();
    }
}
