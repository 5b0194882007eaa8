package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.chainwatch.bot.TelegramHtmlCheck;
import io.chainwatch.bot.TestDatabase;
import io.chainwatch.bot.chain.AddressNames;
import io.chainwatch.bot.chain.ChainTexts;
import io.chainwatch.bot.chain.EnsLookup;
import io.chainwatch.bot.chain.GasOracle;
import io.chainwatch.bot.chain.GasQuote;
import io.chainwatch.bot.chain.IngestCursors;
import io.chainwatch.bot.chain.NodeRpc;
import io.chainwatch.bot.store.Database;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.IngestCursor;
import io.chainwatch.schema.Topics;
import io.chainwatch.testsupport.TestBroker;

/** {@code /gas} and {@code /status} against anvil, a real broker carrying ingest cursors, and a hanging node. */
class ChainInfoIT {

    static AnvilNode anvil;
    static TestBroker broker;
    static TestDatabase db;
    static Database database;
    static HttpServer hangingNode;
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final AtomicInteger HANGING_CALLS = new AtomicInteger();
    static List<ChainConfig> chains;
    static NodeRpc rpc;
    static IngestCursors cursors;
    static CommandHandler handler;

    @BeforeAll
    static void start() throws Exception {
        anvil = AnvilNode.start();
        broker = TestBroker.start();
        KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers());
        TopicProvisioner.ensureAll(kafka);
        db = TestDatabase.create();
        database = new Database(db.settings());
        database.migrate();
        hangingNode = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        hangingNode.createContext("/", exchange -> {
            HANGING_CALLS.incrementAndGet();
            try {
                RELEASE.await(); // a node that accepts the connection and never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hangingNode.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        hangingNode.start();
        // every chain points at this machine: ethereum at a closed port, bsc at the hanging node, devnet at anvil
        chains = ChainConfig.allFrom(RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "ethereum,bsc,devnet",
                "CHAINWATCH_RPC_ETHEREUM", "http://127.0.0.1:9", "CHAINWATCH_RPC_BSC", "http://127.0.0.1:"
                        + hangingNode.getAddress().getPort(),
                "CHAINWATCH_RPC_DEVNET", "ws://127.0.0.1:1," + anvil.rpcUrl())));
        rpc = new NodeRpc(chains, Duration.ofMillis(700));
        cursors = new IngestCursors(kafka);
        cursors.start();
        WatchStore store = new WatchStore(database.jdbi(), Clock.systemUTC(), () -> {
        });
        handler = NodeHandlers.of(chains, rpc, database, store, cursors, EnsLookup.none(), AddressNames.none());
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        hangingNode.stop(0);
        cursors.close();
        database.close();
        db.close();
        broker.close();
        anvil.close();
    }

    @Test
    void shouldSuggestFeesFromFeeHistoryWhenUserAsksGasOnAnvil() {
        List<String> accounts = anvil.accounts();
        for (int i = 0; i < 5; i++) {
            anvil.sendEth(accounts.get(0), accounts.get(1), BigInteger.valueOf(1_000 + i));
        }
        // anvil updates its fee history after a block is mined, not with it (and not at all for blocks made by
        // anvil_mine): wait until it stops changing, so the bot's answer and this test's expectation are read from
        // the same blocks
        AtomicReference<JsonNode> previous = new AtomicReference<>();
        JsonNode history = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(
                () -> anvil.rpc("eth_feeHistory", "0x14", "latest", new int[]{10, 50, 90}),
                h -> h.equals(previous.getAndSet(h)));
        GasQuote.FeeMarket expected = GasOracle.feeMarket(history);

        String reply = say(1, "/gas devnet");

        assertThat(reply).startsWith("⛽ <b>Devnet</b> · block " + ChainTexts.number(expected.newestBlock()));
        assertThat(reply).contains("Base fee: <b>" + ChainTexts.gwei(expected.nextBaseFee()) + " gwei</b>");
        assertThat(reply).contains("🚶 " + ChainTexts.gwei(expected.standard()) + " ·");
        assertThat(expected.standard()).isPositive(); // anvil's transactions carry a tip: the window saw them
        TelegramHtmlCheck.plainText(reply);
    }

    @Test
    void shouldAnswerFriendlyWhenChainNodesRefuseConnections() {
        assertThat(say(2, "/gas eth")).isEqualTo(
                "📡 Couldn't reach <b>Ethereum</b> nodes right now. Please try again in a minute.");
    }

    @Test
    void shouldGiveUpWithinTimeoutAndAskOnceWhenNodeHangs() {
        long started = System.nanoTime();
        String first = say(3, "/gas bsc");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String second = say(4, "/gas bnb");

        assertThat(first).contains("Couldn't reach <b>BNB Smart Chain</b> nodes");
        assertThat(second).isEqualTo(first);
        assertThat(took).isLessThan(Duration.ofMillis(2_500));
        assertThat(HANGING_CALLS.get()).as("the failure is cached for a few seconds").isLessThanOrEqualTo(2);
    }

    @Test
    void shouldShowLastBlockLagAndConfirmationsWhenIngestorHasCommittedCursor() throws Exception {
        anvil.mine(3);
        long head = anvil.blockNumber();
        try (KafkaProducer<String, IngestCursor> producer = new KafkaProducer<>(new KafkaSettings(broker
                .bootstrapServers()).producer("it-cursors"), new StringSerializer(), Topics.INGEST_CURSORS
                        .valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.INGEST_CURSORS.name(), "devnet", IngestCursor.newBuilder()
                    .setChain("devnet").setNumber(head - 2).setHash("0x" + "ab".repeat(32)).setRecent(List.of())
                    .build())).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> cursors.cursor("devnet").isPresent());

        String reply = say(5, "/status");

        assertThat(reply).startsWith("🟢 chainwatch is running. This chat watches 0 of at most 50.");
        assertThat(reply).contains("🟢 <b>Devnet</b>: block " + ChainTexts.number(head - 2) + ", ");
        assertThat(reply).contains("2 blocks behind the head\n    alerts after 0 confirmations (default)");
        assertThat(reply).contains("⚪ <b>Ethereum</b>: no block processed yet\n    alerts after 2 confirmations");
        TelegramHtmlCheck.plainText(reply);
    }

    private static String say(long chatId, String text) {
        return ((Response.Reply) handler.handle(new Incoming(chatId, "private", chatId, false, text), null)).html();
    }
}
