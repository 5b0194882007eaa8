package io.chainwatch.notifier.delivery;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.chainwatch.schema.AlertPhase;

/** The digest rule on its own: a queue, the time and a chat's pacing in, how many alerts its next message carries. */
class DigestRuleTest {

    private static final TopicPartition P0 = new TopicPartition("chainwatch.alerts", 0);
    private static final Duration PRIVATE = Duration.ofMillis(1111);
    private static final Duration GROUP = Duration.ofSeconds(3);
    private static final Duration AFTER = Duration.ofSeconds(1);
    private static final int THRESHOLD = 20;
    private static final int MAX_BATCH = 100;

    private final List<QueuedAlert> queue = new ArrayList<>();

    private void alertAt(long enqueuedAt) {
        queue.add(new QueuedAlert(P0, queue.size(), alert().logIndex(queue.size()).build(), enqueuedAt));
    }

    private void stepAt(long enqueuedAt) {
        queue.add(new QueuedAlert(P0, queue.size(), alert().logIndex(queue.size()).phase(AlertPhase.PROGRESS).build(),
                enqueuedAt));
    }

    private int take(long now, Duration interval, Duration after) {
        return DigestRule.take(queue, now, interval, after, THRESHOLD, MAX_BATCH);
    }

    @Test
    void shouldSendALoneAlertSinglyHoweverLongItWaited() {
        alertAt(0);

        assertThat(take(60_000, PRIVATE, AFTER)).isEqualTo(1);
    }

    @Test
    void shouldDigestTwoNewAlertsOfAPrivateChatAtOnceWhenTheSecondWouldWaitAnIntervalLongerThanTheBound() {
        alertAt(0);
        alertAt(0);

        assertThat(take(0, PRIVATE, AFTER)).as("the second would go 1.111 s later: more than 1 s").isEqualTo(2);
        assertThat(take(0, PRIVATE, Duration.ofMillis(1111))).as("exactly at the bound: singles").isEqualTo(1);
    }

    @Test
    void shouldKeepSinglesWhileEveryQueuedAlertWouldGoWithinTheBound() {
        for (int i = 0; i < 5; i++) {
            alertAt(0);
        }
        Duration fiveSeconds = Duration.ofSeconds(5);

        assertThat(take(0, PRIVATE, fiveSeconds)).as("the fifth would wait 4.4 s").isEqualTo(1);
        alertAt(0);
        assertThat(take(0, PRIVATE, fiveSeconds)).as("a sixth would wait 5.6 s").isEqualTo(6);
    }

    @Test
    void shouldDigestWhenTheOldestHasAlreadyWaitedLongerThanTheBound() {
        Duration fiveSeconds = Duration.ofSeconds(5);
        alertAt(0);
        alertAt(5_000);

        assertThat(take(5_000, PRIVATE, fiveSeconds)).as("the oldest waited exactly 5 s").isEqualTo(1);
        assertThat(take(5_001, PRIVATE, fiveSeconds)).isEqualTo(2);
    }

    @Test
    void shouldDigestAGroupsSecondAlertWhichWouldOtherwiseWaitThreeSeconds() {
        alertAt(0);
        alertAt(2_900);

        assertThat(take(3_000, GROUP, AFTER)).isEqualTo(2);
        assertThat(take(3_000, GROUP, Duration.ofSeconds(3))).as("3.1 s vs 3 s").isEqualTo(2);
        assertThat(take(3_000, GROUP, Duration.ofMillis(3_100))).isEqualTo(1);
    }

    @Test
    void shouldNeverDigestConfirmationStepsByTime() {
        stepAt(0);
        stepAt(0);
        stepAt(0);

        assertThat(take(60_000, PRIVATE, AFTER)).as("each step edits its own message").isEqualTo(1);
        alertAt(60_000);
        assertThat(take(60_000, PRIVATE, AFTER)).as("one new alert is not a backlog").isEqualTo(1);
    }

    @Test
    void shouldLeaveTheStepsAfterTheLastNewAlertQueuedForTheirEdits() {
        stepAt(0);
        alertAt(0);
        stepAt(0);
        alertAt(0);
        stepAt(0);
        stepAt(0);

        assertThat(take(0, PRIVATE, AFTER)).as("up to the second new alert; the last two steps stay").isEqualTo(4);
    }

    @Test
    void shouldStopATimedDigestBeforeAReorgFollowUpSoThatItCanEditItsAnnouncement() {
        alertAt(0);
        queue.add(new QueuedAlert(P0, queue.size(), alert().logIndex(0).phase(AlertPhase.ORPHANED).build(), 0));
        alertAt(0);

        assertThat(take(0, PRIVATE, AFTER)).as("the announcement alone, its strike-through next").isEqualTo(1);
        alertAt(0);
        queue.add(0, new QueuedAlert(P0, 99, alert().logIndex(99).build(), 0));
        assertThat(take(0, PRIVATE, AFTER)).as("two announcements before it").isEqualTo(2);
    }

    @Test
    void shouldStillDigestEverythingAboveTheSizeThreshold() {
        for (int i = 0; i <= THRESHOLD; i++) {
            stepAt(0);
        }

        assertThat(take(0, PRIVATE, Duration.ofDays(1))).isEqualTo(THRESHOLD + 1);
        for (int i = 0; i < 200; i++) {
            alertAt(0);
        }
        assertThat(take(0, PRIVATE, Duration.ofDays(1))).isEqualTo(MAX_BATCH);
    }

    @Test
    void shouldCapATimedDigestAtTheBatchSize() {
        for (int i = 0; i < 150; i++) {
            alertAt(0);
        }

        assertThat(DigestRule.take(queue, 0, PRIVATE, AFTER, 1_000, MAX_BATCH)).isEqualTo(MAX_BATCH);
    }
}
