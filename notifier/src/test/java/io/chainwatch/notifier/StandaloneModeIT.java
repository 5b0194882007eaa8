package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.alerts;
import static io.chainwatch.notifier.NotifierHarness.chats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.Topics;

/** Without a bot token and without Redis: messages are logged, deliveries remembered in a file. */
class StandaloneModeIT extends WithTemporaryBroker {

    @TempDir
    Path dataDir;

    @Test
    void shouldLogEachMessageAndNeverRepeatOneAfterARestartWhenRunningWithoutTokenAndRedis() {
        try (NotifierHarness harness = new NotifierHarness(broker, "http://127.0.0.1:1")) {
            Map<String, String> env = harness.envWithSingleMessages(); // counts one logged message per alert
            env.remove(NotifierSettings.BOT_TOKEN);
            env.remove(NotifierSettings.REDIS_URL);
            env.put(NotifierSettings.DATA_DIR, dataDir.toString());
            List<Alert> alerts = alerts(chats(3, false), 2);
            NotifierService first = harness.start(env);
            harness.produce(alerts);
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.counter("chainwatch.notifier.sent") == alerts
                    .size());
            assertThat(first.health().live()).isFalse();
            first.close();

            String replayGroup = "standalone-replay-" + UUID.randomUUID();
            harness.startGroupAt(replayGroup, harness.alertsStart);
            env.put(NotifierSettings.CONSUMER_GROUP, replayGroup);
            harness.start(env);

            Map<TopicPartition, Long> end = harness.endOffsets(Topics.ALERTS);
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.committed(replayGroup).equals(end));
            assertThat(harness.counter("chainwatch.notifier.sent")).isZero();
        }
    }
}
