package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.chats;
import static io.chainwatch.notifier.NotifierHarness.randomHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.contracts.Ens;
import io.chainwatch.devkit.contracts.EnsCast;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.schema.Addresses;
import io.chainwatch.schema.Alert;

/**
 * Issue #17 item 3: addresses named by their primary ENS name, read from a real ENS registry, public resolver and
 * reverse registrar on anvil, and trusted only when the name resolves back to the address and looks like no address.
 */
class EnsNamesIT extends WithNotifierHarness {

    private static AnvilNode anvil;
    private static Ens ens;
    private static String alice;
    private static String bob;
    private static String carol;
    private static String mallory;
    private static String eve;

    @BeforeAll
    static void deployEns() {
        anvil = AnvilNode.start();
        EnsCast cast = EnsCast.deploy(anvil);
        ens = cast.ens();
        alice = cast.alice();
        bob = cast.bob();
        carol = cast.carol();
        mallory = cast.mallory();
        eve = cast.eve();
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    private static Alert from(long chat, String sender) {
        return TestAlerts.alert().chain("devnet").chat(chat).tx(randomHash()).from(sender.toLowerCase()).build();
    }

    private String messageTo(long chat) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !telegram.messagesTo(chat).isEmpty());
        return telegram.messagesTo(chat).get(0).text();
    }

    private void start() {
        Map<String, String> env = harness.env();
        env.put(ChainConfig.CHAINS, "devnet");
        env.put(ChainConfig.RPC_PREFIX + "DEVNET", anvil.rpcUrl());
        env.put(EnsRegistries.PREFIX + "DEVNET", ens.registry());
        harness.start(env);
    }

    @Test
    void shouldShowAVerifiedNameAndOnlyTheAddressOfAReverseRecordThatDoesNotResolveBack() {
        List<Long> chats = chats(2, false);
        start();

        harness.produce(List.of(from(chats.get(0), alice), from(chats.get(1), bob)));

        assertThat(messageTo(chats.get(0))).contains("From: <b>alice.eth</b> <code>" + Addresses.checksummed(alice)
                + "</code>");
        assertThat(messageTo(chats.get(1))).contains("From: <code>" + Addresses.checksummed(bob) + "</code>\n")
                .doesNotContain("bob.eth");
    }

    @Test
    void shouldNameTheWatchedAddressWhenTheWatchHasNoLabel() {
        long chat = chats(1, false).get(0);
        start();

        harness.produce(List.of(TestAlerts.alert().chain("devnet").chat(chat).tx(randomHash()).from(carol
                .toLowerCase()).to(alice.toLowerCase()).watched(alice.toLowerCase()).build()));

        assertThat(messageTo(chat)).contains("👁 Watching <b>alice.eth</b> <code>" + Addresses.checksummed(alice)
                + "</code>");
    }

    @Test
    void shouldNeverShowANameWithMarkupUnescapedAndFlagALookAlike() {
        List<Long> chats = chats(2, false);
        start();

        harness.produce(List.of(from(chats.get(0), mallory), from(chats.get(1), eve)));

        assertThat(messageTo(chats.get(0))).contains("From: <code>" + Addresses.checksummed(mallory) + "</code>\n🚩")
                .contains("“&lt;b&gt;x&lt;/b&gt;.eth”").doesNotContain("<b>x</b>");
        assertThat(messageTo(chats.get(1))).contains("From: <code>" + Addresses.checksummed(eve)
                + "</code>\n🚩 Its ENS name “0xd8da6045.eth” is not shown: it looks like an address.").doesNotContain(
                        "<b>0xd8da6045.eth</b>");
    }
}
