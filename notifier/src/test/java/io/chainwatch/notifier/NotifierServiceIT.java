package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.alerts;
import static io.chainwatch.notifier.NotifierHarness.chats;
import static io.chainwatch.notifier.NotifierHarness.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.ChatEvent;
import io.chainwatch.schema.ChatEventType;
import io.chainwatch.schema.DeadLetter;
import io.chainwatch.schema.Topics;

/** The notifier against a real broker, the local Redis and the strict Bot API double. */
class NotifierServiceIT extends WithNotifierHarness {

    private List<String> sentTexts() {
        return telegram.sentMessages().stream().map(SentMessage::text).toList();
    }

    /** How many sent messages mention each alert's tx hash. */
    private Map<String, Long> deliveriesPerHash(List<Alert> alerts) {
        List<String> texts = sentTexts();
        List<String> found = new ArrayList<>();
        for (Alert alert : alerts) {
            texts.stream().filter(t -> t.contains(alert.getTxHash())).forEach(t -> found.add(alert.getTxHash()));
        }
        return counts(found);
    }

    private void awaitAllDeliveredOnce(List<Alert> alerts, Duration within) {
        await().atMost(within).untilAsserted(() -> assertThat(deliveriesPerHash(alerts)).hasSize(alerts.size()));
        assertThat(deliveriesPerHash(alerts).values()).containsOnly(1L);
    }

    @Test
    void shouldDeliverEveryAlertExactlyOnceAsHtml() {
        List<Alert> alerts = alerts(chats(10, false), 3);
        harness.start(harness.envWithSingleMessages());

        harness.produce(alerts);

        awaitAllDeliveredOnce(alerts, Duration.ofSeconds(30));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> telegram.sentMessages()
                .size() == alerts.size());
        assertThat(telegram.sentMessages()).allSatisfy(m -> assertThat(m.parseMode()).isEqualTo("HTML"));
        assertThat(sentTexts()).allSatisfy(t -> assertThat(t).contains("Ethereum").contains(
                "https://etherscan.io/tx/"));
        assertThat(harness.registry.get("chainwatch.notifier.ledger.write").timer().count()).isEqualTo(alerts.size());
        assertThat(harness.registry.get("chainwatch.notifier.block.to.send").timer().count()).isEqualTo(alerts
                .size());
    }

    @Test
    void shouldGetNo429WhenUnderSustainedLoad() {
        List<Long> chats = new ArrayList<>(chats(35, false));
        chats.addAll(chats(5, true));
        List<Alert> alerts = alerts(chats, 5);
        harness.start();

        harness.produce(alerts);

        awaitAllDeliveredOnce(alerts, Duration.ofSeconds(45));
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    @Test
    void shouldSendNothingAgainWhenTheTopicIsReplayedByANewGroup() {
        List<Alert> alerts = alerts(chats(5, false), 2);
        harness.start();
        harness.produce(alerts);
        awaitAllDeliveredOnce(alerts, Duration.ofSeconds(30));
        int sent = telegram.sentMessages().size();

        String replayGroup = "chainwatch-notifier-replay-" + UUID.randomUUID();
        harness.startGroupAt(replayGroup, harness.alertsStart);
        Map<String, String> env = harness.env();
        env.put(NotifierSettings.CONSUMER_GROUP, replayGroup);
        harness.start(env);

        Map<TopicPartition, Long> end = harness.endOffsets(Topics.ALERTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed(replayGroup).equals(end));
        assertThat(telegram.sentMessages()).hasSize(sent);
    }

    @Test
    void shouldPublishAChatEventAndDeadLetterWhenTheBotWasBlocked() {
        long chat = chats(1, false).get(0);
        telegram.blockChat(chat);
        List<Alert> alerts = alerts(List.of(chat), 2);
        harness.start();

        harness.produce(alerts);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.readFrom(Topics.CHAT_EVENTS))
                .extracting(ChatEvent::getChatId, ChatEvent::getType).contains(org.assertj.core.groups.Tuple.tuple(
                        chat, ChatEventType.BLOCKED)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.readFrom(Topics.ALERTS_DLQ))
                .extracting(d -> d.getAlert().getTxHash()).containsAll(NotifierHarness.hashes(alerts)));
        assertThat(telegram.messagesTo(chat)).isEmpty();
    }

    @Test
    void shouldDeadLetterAnAlertTelegramRefuses() {
        long chat = chats(1, false).get(0);
        List<Alert> alerts = alerts(List.of(chat), 1);
        telegram.failNext(1, 400);
        harness.start();

        harness.produce(alerts);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.readFrom(Topics.ALERTS_DLQ))
                .filteredOn(d -> d.getAlert().getChatId() == chat).singleElement().extracting(DeadLetter::getReason)
                .asString().contains("injected failure"));
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.committed(harness.group).equals(harness
                .endOffsets(Topics.ALERTS)));
        assertThat(telegram.messagesTo(chat)).isEmpty();
    }

    @Test
    void shouldRetryAndDeliverWhenTelegramFailsWithServerErrors() {
        List<Alert> alerts = alerts(chats(1, false), 1);
        telegram.failNext(2, 502);
        harness.start();

        harness.produce(alerts);

        awaitAllDeliveredOnce(alerts, Duration.ofSeconds(20));
    }

    @Test
    void shouldResendToTheNewChatWhenAGroupMigrated() {
        long group = chats(1, true).get(0);
        long supergroup = group - 500;
        telegram.migrateChat(group, supergroup);
        List<Alert> alerts = alerts(List.of(group), 2);
        harness.start(harness.envWithSingleMessages());

        harness.produce(alerts);

        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.messagesTo(supergroup).size() == 2);
        assertThat(harness.readFrom(Topics.CHAT_EVENTS)).filteredOn(e -> e.getChatId() == group).first().satisfies(
                e -> {
                    assertThat(e.getType()).isEqualTo(ChatEventType.MIGRATED);
                    assertThat(e.getNewChatId()).isEqualTo(supergroup);
                });
    }

    @Test
    void shouldLoseNothingAndRepeatNothingWhenRestartedMidDrain() {
        List<Alert> alerts = alerts(chats(4, false), 10);
        NotifierService first = harness.start(harness.envWithSingleMessages());
        harness.produce(alerts);
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.sentMessages().size() >= 12);

        first.close();
        harness.start(harness.envWithSingleMessages());

        awaitAllDeliveredOnce(alerts, Duration.ofSeconds(40));
        assertThat(telegram.sentMessages()).hasSize(alerts.size());
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    @Test
    void shouldWaitForTelegramAndDeliverEverythingWhenItComesBack() {
        List<Alert> alerts = alerts(chats(3, false), 1);
        Map<String, String> env = harness.env();
        env.put(NotifierSettings.REQUEST_TIMEOUT, "1s");
        telegram.pause();
        harness.start(env);

        harness.produce(alerts);
        await().atMost(Duration.ofSeconds(15)).until(() -> harness.counter("chainwatch.notifier.failures") >= 3);
        telegram.resume();

        awaitAllDeliveredOnce(alerts, Duration.ofSeconds(40));
    }
}
