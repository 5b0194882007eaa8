package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.TelegramHtmlCheck;
import io.chainwatch.bot.TestDatabase;
import io.chainwatch.bot.chain.AddressNames;
import io.chainwatch.bot.chain.CoverageSource;
import io.chainwatch.bot.chain.EnsLookup;
import io.chainwatch.bot.chain.NodeRpc;
import io.chainwatch.bot.store.Database;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.contracts.Ens;
import io.chainwatch.devkit.contracts.EnsCast;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.names.AddressBook;
import io.chainwatch.schema.Addresses;

/**
 * Issue #17 items 3 and 5 in the bot's replies: {@code /list} on Postgres names the watched addresses as
 * notifications do — the operator's address book, else a verified primary ENS name read on anvil from the ENS
 * contracts the test deploys — while the chat's own label wins, a name with markup is escaped and a look-alike is
 * flagged; and it answers at once even when the chain's node never answers ("ethereum" is anvil; "bsc" has a registry
 * but a node that accepts connections and says nothing).
 */
class ListNamesIT {

    static AnvilNode anvil;
    static TestDatabase db;
    static Database database;
    static WatchStore store;
    static CommandHandler handler;
    static ExecutorService lookups;
    static ServerSocket silentNode;
    static final List<Socket> held = new CopyOnWriteArrayList<>();
    static String alice;
    static String bob;
    static String carol;
    static String mallory;
    static String eve;
    static String exchange;

    @BeforeAll
    static void start() throws IOException {
        anvil = AnvilNode.start();
        EnsCast cast = EnsCast.deploy(anvil);
        Ens ens = cast.ens();
        alice = cast.alice();
        bob = cast.bob();
        carol = cast.carol();
        mallory = cast.mallory();
        eve = cast.eve();
        exchange = anvil.accounts().get(EnsCast.FREE_ACCOUNT);
        // the book wins over the exchange's own ENS name
        ens.register("exchange.eth", exchange);
        ens.setReverseName(exchange, "exchange.eth");
        Path book = Files.createTempFile("chainwatch-labels", ".txt");
        Files.writeString(book, exchange + " <i>Binance</i> 14\n");

        silentNode = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(silentNode.accept()); // read nothing, answer nothing
                }
            } catch (IOException e) {
                // closed
            }
        });

        db = TestDatabase.create();
        database = new Database(db.settings());
        database.migrate();
        RuntimeEnv env = RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "ethereum,bsc", "CHAINWATCH_RPC_ETHEREUM", anvil
                .rpcUrl(), "CHAINWATCH_ENS_REGISTRY_ETHEREUM", ens.registry(), "CHAINWATCH_RPC_BSC",
                "http://127.0.0.1:" + silentNode.getLocalPort(), "CHAINWATCH_ENS_REGISTRY_BSC", ens.registry(),
                AddressBook.ENV, book.toString()));
        List<ChainConfig> chains = ChainConfig.allFrom(env);
        NodeRpc rpc = new NodeRpc(chains, Duration.ofSeconds(10));
        store = new WatchStore(database.jdbi(), Clock.systemUTC(), () -> {
        });
        lookups = Executors.newVirtualThreadPerTaskExecutor();
        EnsRegistries registries = EnsRegistries.from(env, chains);
        handler = NodeHandlers.of(chains, rpc, database, store, CoverageSource.NONE, new EnsLookup(rpc, registries),
                new AddressNames(rpc, registries, AddressBook.from(env), lookups, Duration.ofHours(1), Duration
                        .ofMillis(300), System::currentTimeMillis));
    }

    @AfterAll
    static void stop() throws IOException {
        lookups.shutdownNow();
        silentNode.close();
        for (Socket socket : held) {
            socket.close();
        }
        database.close();
        db.close();
        anvil.close();
    }

    /** {@code /list} until it shows {@code expected}: a name not in within the short wait is there the next time. */
    private static String listShowing(long chat, String expected) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> say(chat,
                "/list"), reply -> reply.contains(expected));
    }

    private static String code(String address) {
        return "<code>" + Addresses.checksummed(address) + "</code>";
    }

    @Test
    void shouldNameAWatchedAddressByItsVerifiedEnsNameAndNotByAReverseRecordThatDoesNotResolveBack() {
        say(1, "/watch eth " + alice);
        say(1, "/watch eth " + bob);

        String reply = listShowing(1, "<b>alice.eth</b> " + code(alice));

        assertThat(reply).contains("1. 👛 <b>Ethereum</b> <b>alice.eth</b> " + code(alice) + "\n").contains(
                "2. 👛 <b>Ethereum</b> " + code(bob) + "\n").doesNotContain("bob.eth");
        TelegramHtmlCheck.plainText(reply);
    }

    @Test
    void shouldLetTheChatsLabelWinAndTheAddressBookWinOverEns() {
        say(2, "/watch eth " + alice + " my savings");
        say(2, "/watch eth " + exchange);

        String reply = listShowing(2, code(exchange));

        assertThat(reply).contains("1. 👛 <b>Ethereum</b> " + code(alice) + " — my savings\n").contains(
                "2. 👛 <b>Ethereum</b> <b>&lt;i&gt;Binance&lt;/i&gt; 14</b> " + code(exchange) + "\n")
                .doesNotContain("alice.eth").doesNotContain("exchange.eth");
    }

    @Test
    void shouldEscapeAndFlagANameNotToBeTrustedAndNeverShowItAsTheName() {
        say(3, "/watch eth " + mallory);
        say(3, "/watch eth " + eve);

        String reply = listShowing(3, "“0xd8da6045.eth”");

        assertThat(reply).contains("1. 👛 <b>Ethereum</b> " + code(mallory) + "\n🚩 Its ENS name “&lt;b&gt;x&lt;/b&gt;"
                + ".eth” is not shown").contains("2. 👛 <b>Ethereum</b> " + code(eve)
                        + "\n🚩 Its ENS name “0xd8da6045.eth” is not shown: it looks like an address.")
                .doesNotContain("<b>x</b>").doesNotContain("<b>0xd8da6045.eth</b>");
        TelegramHtmlCheck.plainText(reply);
    }

    @Test
    void shouldAnswerAtOnceWithTheBareAddressWhenTheNodesDoNotAnswer() {
        say(4, "/watch bsc " + alice);

        for (int i = 0; i < 2; i++) {
            long started = System.nanoTime();
            String reply = say(4, "/list");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(reply).contains("1. 👛 <b>BNB Smart Chain</b> " + code(alice) + "\n").doesNotContain(
                    "alice.eth");
            assertThat(took).isLessThan(Duration.ofMillis(1500));
        }
    }

    private static String say(long chatId, String text) {
        return ((Response.Reply) handler.handle(new Incoming(chatId, "private", chatId, false, text), null)).html();
    }
}
