package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import io.chainwatch.bot.store.Watch;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.contracts.Ens;
import io.chainwatch.devkit.contracts.TestContracts;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.schema.Addresses;

/**
 * Issue #17 item 3: {@code /watch eth alice.eth} on Postgres, with the name resolved at command time on anvil, where
 * the test deploys an ENS registry, resolver and reverse registrar; "ethereum" is pointed at anvil as an operator would
 * point it at a node ({@code CHAINWATCH_RPC_ETHEREUM}, {@code CHAINWATCH_ENS_REGISTRY_ETHEREUM}).
 */
class EnsWatchIT {

    static AnvilNode anvil;
    static TestDatabase db;
    static Database database;
    static WatchStore store;
    static CommandHandler handler;
    static String alice;

    @BeforeAll
    static void start() {
        anvil = AnvilNode.start();
        List<String> accounts = anvil.accounts();
        Ens ens = TestContracts.deployEns(anvil, accounts.get(0));
        alice = accounts.get(1);
        ens.register("alice.eth", alice);
        db = TestDatabase.create();
        database = new Database(db.settings());
        database.migrate();
        // ethereum on anvil; bsc given a registry but no node that answers; devnet without ENS
        RuntimeEnv env = RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "ethereum,bsc,devnet", "CHAINWATCH_RPC_ETHEREUM",
                anvil.rpcUrl(), "CHAINWATCH_ENS_REGISTRY_ETHEREUM", ens.registry(), "CHAINWATCH_RPC_BSC",
                "http://127.0.0.1:9", "CHAINWATCH_ENS_REGISTRY_BSC", ens.registry(), "CHAINWATCH_RPC_DEVNET", anvil
                        .rpcUrl()));
        List<ChainConfig> chains = ChainConfig.allFrom(env);
        NodeRpc rpc = new NodeRpc(chains, Duration.ofSeconds(2));
        store = new WatchStore(database.jdbi(), Clock.systemUTC(), () -> {
        });
        handler = NodeHandlers.of(chains, rpc, database, store, CoverageSource.NONE, new EnsLookup(rpc,
                EnsRegistries.from(env, chains)), AddressNames.none());
    }

    @AfterAll
    static void stop() {
        database.close();
        db.close();
        anvil.close();
    }

    @Test
    void shouldWatchTheAddressANameResolvesToAndSayWhich() {
        String reply = say(1, "/watch eth Alice.eth savings");

        assertThat(reply).startsWith("🔎 <b>alice.eth</b> = <code>" + Addresses.checksummed(alice)
                + "</code> on <b>Ethereum</b> now.").contains("✅ 👀 Watching <code>" + Addresses.checksummed(alice)
                        + "</code> on <b>Ethereum</b> as “savings”.");
        TelegramHtmlCheck.plainText(reply);
        List<Watch> watches = store.list(1, 0, 10);
        assertThat(watches).singleElement().satisfies(w -> {
            assertThat(w.value()).isEqualTo(alice.toLowerCase());
            assertThat(w.chain()).isEqualTo("ethereum");
            assertThat(w.label()).isEqualTo("savings");
        });
    }

    @Test
    void shouldChangeNothingForANameWithoutAnAddress() {
        String reply = say(2, "/watch eth nobody.eth");

        assertThat(reply).isEqualTo("🔎 <b>nobody.eth</b> has no address on <b>Ethereum</b>: it is not registered,"
                + " or it names no address. Check the spelling. Nothing was changed.");
        assertThat(store.count(2)).isZero();
    }

    @Test
    void shouldChangeNothingOnAChainWithoutEnsOrWhoseNodesDoNotAnswer() {
        assertThat(say(3, "/watch devnet alice.eth")).contains("Names cannot be looked up on <b>Devnet</b>")
                .contains("Nothing was changed.");
        assertThat(say(3, "/watch bsc alice.eth")).isEqualTo("⏳ I could not reach the nodes of <b>BNB Smart Chain"
                + "</b> to look up <b>alice.eth</b>, so nothing was changed. Please try again in a minute.");
        assertThat(store.count(3)).isZero();
    }

    private static String say(long chatId, String text) {
        return ((Response.Reply) handler.handle(new Incoming(chatId, "private", chatId, false, text), null)).html();
    }
}
