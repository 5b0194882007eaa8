package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.alerts;
import static io.chainwatch.notifier.NotifierHarness.chats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.Topics;

import redis.clients.jedis.Jedis;

/**
 * A private redis-server that the tests stop and start again: sending pauses and resumes by itself, and a delivery
 * whose ledger write met the outage is recorded once Redis is back, never sent twice.
 */
class RedisOutageIT extends WithTemporaryBroker {

    private Process redis;

    @AfterEach
    void stopRedis() {
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    private void startRedis(int port) throws IOException {
        try {
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(
                            ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("redis-server is not installed: " + e.getMessage());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldPauseSendingWhileRedisIsDownAndResumeWhenItIsBack() throws Exception {
        int port = freePort();
        startRedis(port);
        try (BotApiDouble telegram = BotApiDouble.start(NotifierHarness.TOKEN);
                NotifierHarness harness = new NotifierHarness(broker, telegram.baseUrl())) {
            Map<String, String> env = harness.env();
            env.put(NotifierSettings.REDIS_URL, "redis://127.0.0.1:" + port);
            NotifierService service = harness.start(env);
            List<Alert> before = alerts(chats(3, false), 1);
            harness.produce(before);
            await().atMost(Duration.ofSeconds(20)).until(() -> telegram.sentMessages().size() == 3);

            redis.destroyForcibly().waitFor();
            List<Alert> during = alerts(chats(3, false), 1);
            harness.produce(during);
            await().atMost(Duration.ofSeconds(20)).until(() -> !service.health().storeAvailable());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> telegram.sentMessages()
                    .size() == 3);

            startRedis(port);
            await().atMost(Duration.ofSeconds(20)).until(() -> telegram.sentMessages().size() == 6);
            assertThat(service.health().storeAvailable()).isTrue();
            // the new Redis is empty: a delivery repeated after the outage would show up here
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> telegram.sentMessages()
                    .size() == 6);
            for (Alert alert : during) {
                assertThat(telegram.messagesTo(alert.getChatId())).singleElement().satisfies(m -> assertThat(m.text())
                        .contains(alert.getTxHash()));
            }
        }
    }

    /**
     * Redis dies inside the duplicate window: Telegram accepted the messages, their answers are on the way, the
     * ledger cannot be written. The notifier must neither send them again nor forget them: it holds the deliveries
     * (sending paused) until Redis is back, records them there, and a replay of the topic then sends nothing.
     */
    @Test
    void shouldRecordDeliveriesOnceRedisIsBackWhenItDiedBetweenTheSendAndTheLedgerWrite() throws Exception {
        int port = freePort();
        startRedis(port);
        try (BotApiDouble telegram = BotApiDouble.start(NotifierHarness.TOKEN);
                AnswerHoldingProxy proxy = AnswerHoldingProxy.to(telegram.baseUrl());
                NotifierHarness harness = new NotifierHarness(broker, proxy.baseUrl())) {
            Map<String, String> env = harness.env();
            env.put(NotifierSettings.REDIS_URL, "redis://127.0.0.1:" + port);
            NotifierService service = harness.start(env);
            List<Alert> alerts = alerts(chats(4, false), 1);
            proxy.hold();
            harness.produce(alerts);
            await().atMost(Duration.ofSeconds(20)).until(() -> telegram.sentMessages().size() == alerts.size());

            redis.destroyForcibly().waitFor();
            proxy.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> !service.health().storeAvailable());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> telegram.sentMessages()
                    .size() == alerts.size());

            startRedis(port); // empty: only what the notifier writes after the outage is in it
            await().atMost(Duration.ofSeconds(20)).until(() -> service.health().storeAvailable());
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alerts).allSatisfy(
                        a -> assertThat(jedis.exists(harness.redisPrefix + AlertIds.notifiedKey(a.getId())))
                                .isTrue()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> harness.committed(harness.group).equals(harness
                    .endOffsets(Topics.ALERTS)));

            String replayGroup = "chainwatch-notifier-replay-" + UUID.randomUUID();
            harness.startGroupAt(replayGroup, harness.alertsStart);
            env.put(NotifierSettings.CONSUMER_GROUP, replayGroup);
            harness.start(env);
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed(replayGroup).equals(harness
                    .endOffsets(Topics.ALERTS)));
            for (Alert alert : alerts) {
                assertThat(telegram.messagesTo(alert.getChatId())).singleElement().satisfies(m -> assertThat(m.text())
                        .contains(alert.getTxHash()));
            }
        }
    }
}
