package io.chainwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.command.Replies;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.Watchers;
import io.chainwatch.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The whole service against the Bot API double, a real broker and a real database. */
class BotServiceIT {

    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";
    static final String ADDRESS = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";

    static TestBroker broker;
    static KafkaSettings kafka;
    static TestDatabase db;
    static BotApiDouble telegram;
    static BotService service;
    static SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        broker = TestBroker.start();
        kafka = new KafkaSettings(broker.bootstrapServers());
        TopicProvisioner.ensureAll(kafka);
        db = TestDatabase.create();
        telegram = BotApiDouble.start(TOKEN);
        telegram.privateChatInterval(Duration.ZERO);
        RuntimeEnv env = RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", telegram.baseUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "CHAINWATCH_CHAINS", "ethereum,bsc,devnet",
                "CHAINWATCH_DB_URL", db.url(), "CHAINWATCH_DB_USER", db.user(), "CHAINWATCH_DB_POOL_MIN_IDLE", "1",
                "CHAINWATCH_DB_POOL_MAX_SIZE", "4", "CHAINWATCH_DB_CONNECTION_TIMEOUT", "5s",
                // default burst of 5; one command back every 10 s, so no token comes back while a test floods
                "CHAINWATCH_BOT_COMMANDS_PER_MINUTE", "6"));
        service = new BotService(BotSettings.from(env), meters, Clock.systemUTC());
        service.start();
    }

    @AfterAll
    static void stop() {
        service.close();
        telegram.close();
        db.close();
        broker.close();
    }

    @Test
    void shouldReplyAndPublishSubscriptionWhenUserWatchesAddress() {
        telegram.userSends(501, "/watch devnet " + ADDRESS + " <i>lab</i> & co");

        List<SentMessage> replies = telegram.awaitMessages(501, 1, Duration.ofSeconds(20));
        assertThat(replies).singleElement().satisfies(m -> {
            assertThat(m.parseMode()).isEqualTo("HTML");
            // shown as typed: in its EIP-55 checksum case, though stored and keyed in lower case
            assertThat(m.text()).contains("Watching <code>" + ADDRESS + "</code>").contains(
                    "&lt;i&gt;lab&lt;/i&gt; &amp; co");
        });
        try (SubscriptionsReader subscriptions = new SubscriptionsReader(kafka)) {
            Optional<Watchers> watchers = await().atMost(Duration.ofSeconds(20)).until(() -> subscriptions.poll().get(
                    "devnet:" + ADDRESS.toLowerCase()), v -> v != null && v.isPresent());
            assertThat(watchers.orElseThrow().getWatchers()).singleElement().satisfies(w -> assertThat(w.getLabel())
                    .isEqualTo("<i>lab</i> & co"));
        }
        assertThat(service.isHealthy()).isTrue();
    }

    @Test
    void shouldSetCommandMenuWhenStarting() {
        assertThat(telegram.requestCount("setMyCommands")).isEqualTo(1);
        assertThat(service.health().telegramReceiving()).isTrue();
    }

    @Test
    void shouldRemoveWatchWhenUserPressesItsButtonInTheList() {
        telegram.userSends(502, "/watch eth 0x" + "1".repeat(40));
        telegram.awaitMessages(502, 1, Duration.ofSeconds(20));
        telegram.userSends(502, "/list");
        SentMessage list = telegram.awaitMessages(502, 2, Duration.ofSeconds(20)).get(1);
        assertThat(list.text()).contains("0x" + "1".repeat(40));
        assertThat(list.replyMarkup()).contains("uw:");
        String data = list.replyMarkup().replaceAll("(?s).*\"(uw:[0-9]+:[0-9]+)\".*", "$1");

        telegram.userPresses(502, list.messageId(), data);

        SentMessage edited = telegram.awaitMessages(502, 3, Duration.ofSeconds(20)).get(2);
        assertThat(edited.edit()).isTrue();
        assertThat(edited.text()).contains("watches nothing");
        assertThat(telegram.requestCount("answerCallbackQuery")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldAnswerInGroupOnlyToCommandsAddressedToThisBot() {
        telegram.userSendsInGroup(-600, 77, "/help@someone_else_bot");
        telegram.userSendsInGroup(-600, 77, "just chatting");
        telegram.userSendsInGroup(-600, 77, "/help@" + BotApiDouble.BOT_USERNAME);

        List<SentMessage> replies = telegram.awaitMessages(-600, 1, Duration.ofSeconds(20));
        assertThat(replies).singleElement().satisfies(m -> assertThat(m.text()).contains("Commands"));
    }

    @Test
    void shouldAnswerFloodingChatOnceWithNoticeAndOtherChatNormallyWhenOneChatSendsTwentyCommands() {
        long flooder = 510;
        long neighbour = 518; // the same per-chat lane as 510 (8 lanes): it queues right behind the flood
        double throttledBefore = throttled();

        for (int i = 0; i < 20; i++) {
            telegram.userSends(flooder, "/help");
            if (i == 10) {
                telegram.userSends(neighbour, "/help");
            }
        }

        assertThat(telegram.awaitMessages(neighbour, 1, Duration.ofSeconds(20))).singleElement().satisfies(
                m -> assertThat(m.text()).contains("Commands"));
        await().atMost(Duration.ofSeconds(20)).until(() -> throttled() - throttledBefore >= 15);
        // replies are paced one a second per private chat: the burst and the notice arrive over about 5 s
        List<SentMessage> replies = telegram.awaitMessages(flooder, BotSettings.DEFAULT_COMMANDS_BURST + 1, Duration
                .ofSeconds(20));
        assertThat(replies).hasSizeLessThanOrEqualTo(BotSettings.DEFAULT_COMMANDS_BURST + 1);
        assertThat(replies).filteredOn(m -> m.text().equals(Replies.SLOW_DOWN)).hasSize(1);
        assertThat(replies).filteredOn(m -> m.text().contains("Commands")).hasSize(BotSettings.DEFAULT_COMMANDS_BURST);
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    @Test
    void shouldAnswerButtonPressWithNoticeInsteadOfMessageWhenChatPressesTooFast() {
        long chat = 520;
        telegram.userSends(chat, "/list");
        int listMessage = telegram.awaitMessages(chat, 1, Duration.ofSeconds(20)).get(0).messageId();
        int answeredBefore = telegram.requestCount("answerCallbackQuery");
        double throttledBefore = throttled();

        for (int i = 0; i < 6; i++) { // 4 tokens left: 4 handled, the 5th told to slow down, the 6th ignored
            telegram.userPresses(chat, listMessage, "ls:0");
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> throttled() - throttledBefore >= 2);
        assertThat(telegram.requestCount("answerCallbackQuery") - answeredBefore).isEqualTo(5);
        assertThat(telegram.messagesTo(chat)).filteredOn(m -> !m.edit()).hasSize(1);
        assertThat(meters.counter("chainwatch.bot.commands.throttled", "told", "true").count()).isGreaterThanOrEqualTo(
                1);
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    private static double throttled() {
        return meters.find("chainwatch.bot.commands.throttled").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldWaitForTokenWithoutCrashingWhenTokenIsMissing() {
        try (BotService idle = new BotService(BotSettings.from(RuntimeEnv.of(Map.of("CHAINWATCH_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/none"))), new SimpleMeterRegistry(), Clock.systemUTC())) {
            idle.start();

            assertThat(idle.health().state()).isEqualTo(BotService.State.WAITING_FOR_TOKEN);
            assertThat(idle.isHealthy()).isTrue();
        }
    }
}
