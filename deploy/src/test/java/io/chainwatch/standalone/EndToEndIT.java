package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.matcher.MatcherService;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.Watcher;
import io.micronaut.context.ApplicationContext;

/**
 * The whole pipeline on real parts, wired exactly as {@code ./chainwatch up} wires it: a user talks to the Bot API
 * double, transactions are mined on anvil, and exactly one message per transaction arrives.
 */
class EndToEndIT {

    static final String TOKEN = "123456:AAEchainwatchLocalTestToken00000000";
    static final long CHAT = 4242;
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/";

    private AnvilNode anvil;
    private StandalonePipeline pipeline;
    private BotApiDouble telegram;
    private ApplicationContext context;

    @BeforeEach
    void start() throws Exception {
        anvil = AnvilNode.start();
        pipeline = new StandalonePipeline(anvil.rpcUrl(), Map.of());
        telegram = pipeline.telegram();
        context = pipeline.context();
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
        anvil.close();
    }

    private List<SentMessage> notificationsAbout(String txHash) {
        return telegram.messagesTo(CHAT).stream().filter(m -> !m.edit() && m.text().toLowerCase().contains(txHash
                .toLowerCase())).toList();
    }

    /** Sends a command as the user and waits for the bot's answer, as a person would before typing the next. */
    private void say(String command) {
        pipeline.ask(command);
    }

    /**
     * Waits until a subscription has travelled outbox → Kafka → the matcher's global store: {@code chat}'s watcher
     * of subscription {@code key} is there and {@code what} holds for it — from then on blocks are matched against
     * it.
     */
    static void awaitTheMatcherSees(ApplicationContext context, String key, long chat, Predicate<Watcher> what) {
        MatcherService matcher = context.getBean(MatcherService.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> matcher.subscription(key).stream().flatMap(w -> w
                .getWatchers().stream()).anyMatch(w -> w.getChatId() == chat && what.test(w)));
    }

    @Test
    void shouldDeliverExactlyOneMessagePerTransactionToAWatchedAddress() {
        List<String> accounts = anvil.accounts();
        String watched = accounts.get(3);
        say("/start");
        say("/watch devnet " + watched + " cold wallet");
        assertThat(telegram.messagesTo(CHAT)).anyMatch(m -> m.text().toLowerCase().contains(watched.toLowerCase()
                .substring(0, 8)));
        awaitTheMatcherSees(context, Topics.addressKey("devnet", watched), CHAT, w -> true);

        String in1 = anvil.sendEth(accounts.get(0), watched, new BigInteger("1500000000000000000"));
        String in2 = anvil.sendEth(accounts.get(1), watched, BigInteger.valueOf(42));
        String out = anvil.sendEth(watched, accounts.get(2), new BigInteger("250000000000000000"));
        String unrelated = anvil.sendEth(accounts.get(4), accounts.get(5), BigInteger.ONE);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(notificationsAbout(in1)).hasSize(1);
            assertThat(notificationsAbout(in2)).hasSize(1);
            assertThat(notificationsAbout(out)).hasSize(1);
        });
        // nothing more arrives later: no duplicate, and nothing about the unrelated transaction
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            assertThat(notificationsAbout(in1)).hasSize(1);
            assertThat(notificationsAbout(in2)).hasSize(1);
            assertThat(notificationsAbout(out)).hasSize(1);
            assertThat(notificationsAbout(unrelated)).isEmpty();
        });
        assertThat(notificationsAbout(in1).get(0).text()).containsIgnoringCase("devnet");
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    /**
     * The chat's settings and the confirmation updates across every stage: quiet hours set with {@code /settings}
     * travel bot → outbox → subscriptions topic → matcher → alert → notifier and the message arrives without sound;
     * as anvil mines on, the matcher's PROGRESS alerts make the notifier edit that same message to the new depth,
     * and no second message about the transaction is sent.
     */
    @Test
    void shouldSendSilentlyInQuietHoursAndEditTheMessageAsItsBlockGetsDeeper() {
        List<String> accounts = anvil.accounts();
        String watched = accounts.get(6);
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        say("/start");
        say("/watch devnet " + watched + " hot wallet");
        say("/settings quiet " + now.minusHours(1).format(hhmm) + "-" + now.plusHours(1).format(hhmm) + " UTC");
        awaitTheMatcherSees(context, Topics.addressKey("devnet", watched), CHAT, w -> w.getFilters() != null && w
                .getFilters().getQuietHours() != null);

        String tx = anvil.sendEth(accounts.get(0), watched, new BigInteger("2000000000000000000"));

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsAbout(tx).size() == 1);
        SentMessage announced = notificationsAbout(tx).get(0);
        assertThat(announced.silent()).as("sent during quiet hours").isTrue();

        // as on a real chain, the next blocks come a while later: an update within NOTIFIER_PROGRESS_QUIET (4 s) of the
        // chat's last new alert yields to new alerts and is dropped
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        anvil.mine(7); // the block is now 8 deep: past the updates at 3 and 6 confirmations
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(telegram.messagesTo(CHAT)).filteredOn(
                m -> m.edit() && m.messageId() == announced.messageId()).last().extracting(SentMessage::text)
                .asString().contains("6 confirmations"));
        assertThat(notificationsAbout(tx)).hasSize(1);
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }
}
