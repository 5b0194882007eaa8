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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.schema.Alert;
import io.chainwatch.testsupport.BotApiDouble;
import io.chainwatch.testsupport.EmbeddedKafkaBroker;

/** A private redis-server that the test stops and starts again: sending pauses and resumes by itself. */
class RedisOutageIT {

    private static EmbeddedKafkaBroker broker;
    private Process redis;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.startTemporary();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

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

    @Test
    void shouldPauseSendingWhileRedisIsDownAndResumeWhenItIsBack() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
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
            for (Alert alert : during) {
                assertThat(telegram.messagesTo(alert.getChatId())).singleElement().satisfies(m -> assertThat(m.text())
                        .contains(alert.getTxHash()));
            }
        }
    }
}
