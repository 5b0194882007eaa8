package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.SubscriptionsReader;
import io.chainwatch.bot.TestDatabase;
import io.chainwatch.bot.store.ChatPreferences;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.ChatEvent;
import io.chainwatch.schema.ChatEventType;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.WatchFilters;
import io.chainwatch.schema.WatchTarget;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;
import io.chainwatch.testsupport.TestBroker;

/** Watch changes reach {@code chainwatch.subscriptions} through the outbox; chat events change watches. */
class SubscriptionsOutboxIT {

    static final String A = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
    static final String B = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359";
    /** A and B as replies show them: EIP-55 checksummed, while keys and rows keep them in lower case. */
    static final String A_SHOWN = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String B_SHOWN = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    static final String TX = "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b";

    static TestBroker broker;
    static KafkaSettings kafka;
    TestDatabase db;
    BotFixture bot;
    SubscriptionsReader subscriptions;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start();
        kafka = new KafkaSettings(broker.bootstrapServers());
        TopicProvisioner.ensureAll(kafka);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        bot = new BotFixture(db.settings(), kafka).start();
        subscriptions = new SubscriptionsReader(kafka);
    }

    @AfterEach
    void tearDown() {
        subscriptions.close();
        bot.close();
        db.close();
    }

    /** Each test uses its own chat ids and addresses' chains, since the broker is shared by the class. */
    Optional<Watchers> awaitKey(String key, java.util.function.Predicate<Optional<Watchers>> condition) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> subscriptions.poll().get(key),
                v -> v != null && condition.test(v));
    }

    @Test
    void shouldPublishFullWatcherListWhenChatWatchesAddress() {
        String reply = bot.say(1001, "/watch eth " + A + " cold <wallet>");

        assertThat(reply).contains("Watching <code>" + A_SHOWN + "</code>").contains("cold &lt;wallet&gt;");
        Watchers watchers = awaitKey("ethereum:" + A, Optional::isPresent).orElseThrow();
        assertThat(watchers.getChain()).isEqualTo("ethereum");
        assertThat(watchers.getTarget()).isEqualTo(WatchTarget.ADDRESS);
        assertThat(watchers.getValue()).isEqualTo(A);
        assertThat(watchers.getWatchers()).singleElement().satisfies(w -> {
            assertThat(w.getChatId()).isEqualTo(1001L);
            assertThat(w.getLabel()).isEqualTo("cold <wallet>");
            assertThat(w.getConfirmations()).isNull();
            assertThat(w.getWatchId()).isEqualTo(bot.watchOf(1001, A).orElseThrow().id());
        });
    }

    @Test
    void shouldPublishOneRecordWithBothWatchersWhenTwoChatsWatchSameAddress() {
        bot.say(2001, "/watch bsc " + A + " first");
        bot.say(2002, "/watch bnb " + A.toUpperCase().replace("0X", "0x") + " second");

        Watchers watchers = awaitKey("bsc:" + A, v -> v.isPresent() && v.get().getWatchers().size() == 2)
                .orElseThrow();
        assertThat(watchers.getWatchers()).extracting(Watcher::getChatId, Watcher::getLabel).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2001L, "first"), org.assertj.core.groups.Tuple.tuple(2002L,
                        "second"));
    }

    @Test
    void shouldPublishTombstoneWhenLastWatcherUnwatches() {
        bot.say(3001, "/watch devnet " + B);
        bot.say(3002, "/watch devnet " + B);
        awaitKey("devnet:" + B, v -> v.isPresent() && v.get().getWatchers().size() == 2);

        assertThat(bot.say(3001, "/unwatch devnet " + B)).contains("Stopped watching <code>" + B_SHOWN + "</code>");
        awaitKey("devnet:" + B, v -> v.isPresent() && v.get().getWatchers().size() == 1);
        assertThat(bot.say(3002, "/unwatch anvil " + B)).contains("Stopped watching");

        awaitKey("devnet:" + B, Optional::isEmpty);
    }

    @Test
    void shouldKeepATrackedTransactionForTheBotsTrackerAndPublishItsKeyOnlyAsATombstone() {
        bot.say(3501, "/track eth " + TX + " payout");

        // the tracker follows it: the matcher has nothing to match, and forgets what an older version published
        awaitKey("ethereum:tx:" + TX, Optional::isEmpty);
        long watchId = bot.watchOf(3501, TX).orElseThrow().id();
        assertThat(bot.tracked.find(watchId)).hasValueSatisfying(row -> assertThat(row.tracked().hash()).isEqualTo(
                TX));
        assertThat(bot.say(3501, "/list")).contains("payout");
        assertThat(bot.say(3501, "/untrack eth " + TX)).contains("Stopped watching");
        assertThat(bot.tracked.find(watchId)).as("the story ends with its watch").isEmpty();
    }

    @Test
    void shouldNotLetAnotherChatRemoveOrSeeAWatchWhenItIsNotTheirs() {
        bot.say(4001, "/watch eth " + B + " secret label");
        long watchId = bot.watchOf(4001, B).orElseThrow().id();

        assertThat(bot.say(4002, "/unwatch eth " + B)).contains("does not watch <code>" + B_SHOWN + "</code>");
        Response pressed = bot.handler.handleCallback(new Incoming(4002, "private", 4002, false, null), "uw:"
                + watchId + ":0");
        assertThat(bot.say(4002, "/list")).contains("watches nothing").doesNotContain("secret");

        assertThat(((Response.Reply) pressed).toast()).isEqualTo("Already removed");
        assertThat(bot.watchOf(4001, B)).isPresent();
        assertThat(bot.say(4001, "/list")).contains("secret label").contains("<code>" + B_SHOWN + "</code>")
                .doesNotContain(B);
    }

    @Test
    void shouldRefuseNewWatchWhenChatReachedItsLimit() {
        for (int i = 0; i < BotFixture.MAX_WATCHES; i++) {
            assertThat(bot.say(5001, "/watch eth 0x" + "0".repeat(39) + i)).contains("Watching");
        }

        assertThat(bot.say(5001, "/watch eth " + A)).contains("already watches " + BotFixture.MAX_WATCHES);
        assertThat(bot.store.count(5001)).isEqualTo(BotFixture.MAX_WATCHES);
    }

    @Test
    void shouldCarryChatConfirmationsWhenSettingsChange() {
        bot.say(6001, "/watch eth " + A);
        assertThat(bot.say(6001, "/settings confirmations eth 12")).contains("12 confirmations").contains(
                "1 watch updated");

        awaitKey("ethereum:" + A, v -> v.isPresent() && v.get().getWatchers().stream().anyMatch(w -> w
                .getChatId() == 6001 && Integer.valueOf(12).equals(w.getConfirmations())));
        bot.say(6001, "/watch eth " + B);
        assertThat(bot.watchOf(6001, B).orElseThrow().confirmations()).isEqualTo(12);
        assertThat(bot.say(6001, "/settings")).contains("Ethereum: 12").contains("BNB Smart Chain: 3 (default)");
    }

    @Test
    void shouldPublishChatSettingsAsFiltersOfEveryWatchWhenSettingsChange() {
        long chat = 6101;
        String a = "0x" + "61".repeat(20);
        String b = "0x" + "62".repeat(20);
        String tx = "0x" + "63".repeat(32);
        bot.say(chat, "/watch eth " + a);
        bot.say(chat, "/watch bsc " + b);
        bot.say(chat, "/track eth " + tx);

        assertThat(bot.say(chat, "/settings kinds -nfts")).contains("native coins and tokens, incoming and outgoing")
                .contains("3 watches updated");
        assertThat(bot.say(chat, "/settings quiet 22:00-07:00 Europe/Berlin")).contains(
                "Quiet hours: <b>22:00-07:00 Europe/Berlin</b>");
        assertThat(bot.say(chat, "/settings spam hide")).contains("now hidden");
        assertThat(bot.say(chat, "/settings min eth 0.5")).contains("below 0.5 ETH").contains("2 watches updated");

        WatchFilters eth = filtersOf("ethereum:" + a, chat, f -> f != null && f.getMinNativeWei() != null);
        assertThat(eth.getNfts()).isFalse();
        assertThat(eth.getTokens()).isTrue();
        assertThat(eth.getHideSpam()).isTrue();
        assertThat(eth.getQuietHours()).isEqualTo("22:00-07:00 Europe/Berlin");
        assertThat(eth.getMinNativeWei()).isEqualTo("500000000000000000");
        WatchFilters bsc = filtersOf("bsc:" + b, chat, f -> f != null && f.getHideSpam() && f.getQuietHours() != null);
        assertThat(bsc.getNfts()).isFalse();
        assertThat(bsc.getMinNativeWei()).isNull();
        assertThat(bot.say(chat, "/settings")).contains("Ethereum: 0.5 ETH").contains("BNB Smart Chain: none").contains(
                "<b>Kinds</b>: native coins and tokens, incoming and outgoing").contains(
                        "<b>Quiet hours</b>: 22:00-07:00 Europe/Berlin")
                .contains("<b>Spam</b>: hidden");

        bot.say(chat, "/settings kinds all");
        bot.say(chat, "/settings quiet off");
        bot.say(chat, "/settings spam show");
        assertThat(bot.say(chat, "/settings min all off")).contains("every native transfer is reported");

        for (String key : new String[]{"ethereum:" + a, "bsc:" + b}) {
            awaitKey(key, v -> v.isPresent() && v.get().getWatchers().get(0).getFilters() == null);
        }
        assertThat(bot.store.settings(chat)).isEqualTo(new WatchStore.ChatSettings(java.util.Map.of(), java.util.Map
                .of(), java.util.Map.of(), ChatPreferences.DEFAULT));
    }

    @Test
    void shouldPublishADollarMinimumInsteadOfTheCoinMinimumAndBackAgain() {
        long chat = 6151;
        String a = "0x" + "65".repeat(20);
        String b = "0x" + "66".repeat(20);
        bot.say(chat, "/watch eth " + a);
        bot.say(chat, "/watch bsc " + b);
        bot.say(chat, "/settings min eth 0.5");

        assertThat(bot.say(chat, "/settings min all $1,000.50")).contains("worth less than $1,000.50").contains(
                "always reported").contains("2 watches updated");
        WatchFilters eth = filtersOf("ethereum:" + a, chat, f -> f != null && f.getMinUsd() != null);
        assertThat(eth.getMinUsd()).isEqualTo("1000.5");
        assertThat(eth.getMinNativeWei()).as("one minimum per chain: dollars replace the coin").isNull();
        assertThat(filtersOf("bsc:" + b, chat, f -> f != null && f.getMinUsd() != null).getMinUsd()).isEqualTo(
                "1000.5");
        assertThat(bot.say(chat, "/settings")).contains("Ethereum: $1,000.50 (every amount the bot can price)")
                .contains("BNB Smart Chain: $1,000.50");

        assertThat(bot.say(chat, "/settings min eth 100 usd")).contains("worth less than $100");
        assertThat(bot.say(chat, "/settings min eth $12.345")).contains("is not a dollar amount");
        assertThat(bot.store.settings(chat).minimumUsd().get("ethereum")).isEqualByComparingTo(new BigDecimal("100"));

        bot.say(chat, "/settings min eth 0.25");
        WatchFilters back = filtersOf("ethereum:" + a, chat, f -> f != null && f.getMinNativeWei() != null);
        assertThat(back.getMinUsd()).isNull();
        assertThat(back.getMinNativeWei()).isEqualTo("250000000000000000");
        bot.say(chat, "/settings min all $0");
        assertThat(bot.store.settings(chat).minimumUsd()).isEmpty();
        assertThat(bot.store.settings(chat).minimumWei()).isEmpty();
    }

    @Test
    void shouldChangeNothingWhenKindsWouldSilenceTheChat() {
        long chat = 6201;
        bot.say(chat, "/watch eth 0x" + "64".repeat(20));

        assertThat(bot.say(chat, "/settings kinds -native -tokens -nfts -approvals")).contains("would switch off every"
                + " notification");
        assertThat(bot.say(chat, "/settings kinds -in -out -approvals"))
                .contains("would switch off every notification");

        assertThat(bot.store.settings(chat).preferences()).isEqualTo(ChatPreferences.DEFAULT);
    }

    @Test
    void shouldKeepConfirmationsAndMinimumApartWhenEitherIsReset() {
        long chat = 6301;
        bot.say(chat, "/settings min bsc 2.5");
        bot.say(chat, "/settings confirmations bsc 9");
        bot.say(chat, "/settings confirmations bsc default");

        assertThat(bot.say(chat, "/settings")).contains("BNB Smart Chain: 3 (default)").contains(
                "BNB Smart Chain: 2.5 BNB");
        bot.say(chat, "/settings min bsc off");
        assertThat(bot.store.settings(chat).minimumWei()).isEmpty();
    }

    @Test
    void shouldFilterOnlyTheChatThatChangedItsSettingsWhenTwoChatsWatchOneKey() {
        String key = "ethereum:0x" + "65".repeat(20);
        bot.say(6401, "/watch eth 0x" + "65".repeat(20));
        bot.say(6402, "/watch eth 0x" + "65".repeat(20));

        bot.say(6401, "/settings spam hide");

        Watchers watchers = awaitKey(key, v -> v.isPresent() && v.get().getWatchers().size() == 2 && v.get()
                .getWatchers().get(0).getFilters() != null).orElseThrow();
        assertThat(watchers.getWatchers().get(0).getFilters().getHideSpam()).isTrue();
        assertThat(watchers.getWatchers().get(1).getChatId()).isEqualTo(6402L);
        assertThat(watchers.getWatchers().get(1).getFilters()).isNull();
    }

    @Test
    void shouldCarrySettingsAlongWhenGroupMigrates() throws Exception {
        String key = "ethereum:0x" + "66".repeat(20);
        bot.say(-6501, "/watch eth 0x" + "66".repeat(20));
        bot.say(-6501, "/settings quiet 23:00-06:00 UTC+2");
        bot.say(-6501, "/settings min eth 1");

        sendChatEvent(new ChatEvent(-6501L, ChatEventType.MIGRATED, -1006501L, "", System.currentTimeMillis()));

        WatchFilters moved = filtersOf(key, -1006501L, f -> f != null);
        assertThat(moved.getQuietHours()).isEqualTo("23:00-06:00 UTC+02:00");
        assertThat(moved.getMinNativeWei()).isEqualTo("1000000000000000000");
    }

    /** The filters of {@code chatId}'s watcher of {@code key}, once they satisfy {@code condition}. */
    WatchFilters filtersOf(String key, long chatId, java.util.function.Predicate<WatchFilters> condition) {
        Watchers watchers = awaitKey(key, v -> v.isPresent() && v.get().getWatchers().stream().anyMatch(w -> w
                .getChatId() == chatId && condition.test(w.getFilters()))).orElseThrow();
        return watchers.getWatchers().stream().filter(w -> w.getChatId() == chatId).findFirst().orElseThrow()
                .getFilters();
    }

    @Test
    void shouldRemoveWatchesAndPublishTombstoneWhenChatEventSaysBlocked() throws Exception {
        bot.say(7001, "/watch eth " + TX.substring(0, 42));
        String key = "ethereum:" + TX.substring(0, 42);
        awaitKey(key, Optional::isPresent);

        sendChatEvent(new ChatEvent(7001L, ChatEventType.BLOCKED, null, "Forbidden: bot was blocked by the user",
                System.currentTimeMillis() + 1000));

        awaitKey(key, Optional::isEmpty);
        assertThat(bot.store.count(7001)).isZero();
    }

    @Test
    void shouldMoveWatchesWhenChatEventSaysMigrated() throws Exception {
        bot.say(-8001, "/watch eth " + "0x" + "8".repeat(40));
        String key = "ethereum:0x" + "8".repeat(40);
        awaitKey(key, Optional::isPresent);

        sendChatEvent(new ChatEvent(-8001L, ChatEventType.MIGRATED, -1008001L, "", System.currentTimeMillis()));

        awaitKey(key, v -> v.isPresent() && v.get().getWatchers().get(0).getChatId() == -1008001L);
        assertThat(bot.store.count(-8001)).isZero();
        assertThat(bot.store.count(-1008001)).isEqualTo(1);
    }

    @Test
    void shouldKeepWatchesWhenChatCameBackAfterItWasBlocked() throws Exception {
        bot.say(9001, "/watch eth " + "0x" + "9".repeat(40));
        long blockedBeforeComingBack = System.currentTimeMillis() - 60_000;
        long handled = bot.chatEvents.handledCount();

        sendChatEvent(new ChatEvent(9001L, ChatEventType.BLOCKED, null, "", blockedBeforeComingBack));

        await().atMost(Duration.ofSeconds(20)).until(() -> bot.chatEvents.handledCount() > handled);
        assertThat(bot.store.count(9001)).isEqualTo(1);
    }

    @Test
    void shouldSkipUndecodableChatEventAndGoOn() throws Exception {
        bot.say(9101, "/watch eth " + "0x" + "7".repeat(40));
        try (var producer = new KafkaProducer<>(kafka.producer("it-poison"), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS.name(), "9101", new byte[]{1, 2, 3})).get();
        }
        sendChatEvent(new ChatEvent(9101L, ChatEventType.DELETED, null, "", System.currentTimeMillis() + 1000));

        await().atMost(Duration.ofSeconds(20)).until(() -> bot.store.count(9101) == 0);
    }

    private static void sendChatEvent(ChatEvent event) throws Exception {
        try (var producer = new KafkaProducer<>(kafka.producer("it-chat-events"), new StringSerializer(),
                Topics.CHAT_EVENTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS.name(), Long.toString(event.getChatId()), event))
                    .get();
        }
    }
}
