package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.chats;
import static io.chainwatch.notifier.NotifierHarness.randomHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;

/**
 * Token amounts in human units: the notifier reads {@code symbol()} and {@code decimals()} of the token with
 * {@code eth_call} on a real node (anvil) and shows {@code 1.5 TST}; a token it cannot read is shown in raw units.
 */
class TokenMetadataIT extends WithNotifierHarness {

    private static AnvilNode anvil;

    @BeforeAll
    static void startAnvil() {
        anvil = AnvilNode.start();
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    /**
     * Runtime code of a minimal token: {@code symbol()} returns {@code symbol} (as an ABI string, or as bytes32 like
     * MKR), {@code decimals()} returns {@code decimals}, anything else reverts.
     */
    static String tokenCode(String symbol, boolean bytes32, int decimals) {
        String text = HexFormat.of().formatHex(symbol.getBytes(StandardCharsets.UTF_8));
        String word = text + "0".repeat(64 - text.length());
        String symbolBody = bytes32
                ? "7f" + word + "600052" + "60206000f3"
                : "6020600052" + "60" + byte1(symbol.getBytes(StandardCharsets.UTF_8).length) + "602052" + "7f" + word
                        + "604052" + "60606000f3";
        int symbolAt = 30;
        int decimalsAt = symbolAt + 1 + symbolBody.length() / 2;
        String dispatch = "60003560e01c" // selector = calldata[0..4]
                + "806395d89b411460" + byte1(symbolAt) + "57" // symbol()
                + "8063313ce5671460" + byte1(decimalsAt) + "57" // decimals()
                + "600080fd"; // revert
        return "0x" + dispatch + "5b" + symbolBody + "5b60" + byte1(decimals) + "60005260206000f3";
    }

    private static String byte1(int value) {
        return String.format("%02x", value);
    }

    private static String deploy(String address, String code) {
        anvil.rpc("anvil_setCode", address, code);
        return address;
    }

    private static Alert transfer(long chat, String token, String amount) {
        return TestAlerts.alert().chain("devnet").chat(chat).tx(randomHash()).kind(AlertKind.TOKEN_IN).token(token)
                .amount(amount).build();
    }

    private String messageTo(long chat) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !telegram.messagesTo(chat).isEmpty());
        return telegram.messagesTo(chat).get(0).text();
    }

    @Test
    void shouldShowTokenAmountsInHumanUnitsWithTheSymbolReadFromTheChain() {
        String tst = deploy("0x" + "a1".repeat(20), tokenCode("TST", false, 6));
        String mkr = deploy("0x" + "a2".repeat(20), tokenCode("MKR", true, 18));
        String sly = deploy("0x" + "a3".repeat(20), tokenCode("<i>SLY", false, 0));
        String noCode = "0x" + "a4".repeat(20);
        Map<String, String> env = harness.env();
        env.put(ChainConfig.CHAINS, "devnet");
        env.put(ChainConfig.RPC_PREFIX + "DEVNET", anvil.rpcUrl());
        List<Long> chats = chats(4, false);
        harness.start(env);

        harness.produce(List.of(transfer(chats.get(0), tst, "1500000"), transfer(chats.get(1), mkr,
                "2500000000000000000"), transfer(chats.get(2), sly, "42"), transfer(chats.get(3), noCode, "77")));

        // contracts shown EIP-55 checksummed, as wallets show them
        assertThat(messageTo(chats.get(0))).contains("🪙 Token received: 1.5 TST (0xA1A1…a1a1)");
        assertThat(messageTo(chats.get(1))).contains("🪙 Token received: 2.5 MKR (0xa2A2…a2a2)");
        assertThat(messageTo(chats.get(2))).contains("🪙 Token received: 42 &lt;i&gt;SLY (0xA3A3…A3A3)");
        assertThat(messageTo(chats.get(3))).contains("🪙 Token received: 77 units of token 0xA4a4…A4A4");
    }

    @Test
    void shouldShowRawUnitsWhenNoNodeAnswers() {
        String tst = deploy("0x" + "b1".repeat(20), tokenCode("TST", false, 6));
        Map<String, String> env = harness.env();
        env.put(ChainConfig.CHAINS, "devnet");
        env.put(ChainConfig.RPC_PREFIX + "DEVNET", "http://127.0.0.1:9"); // nothing listens there
        long chat = chats(1, false).get(0);
        harness.start(env);
        long started = System.nanoTime();

        harness.produce(List.of(transfer(chat, tst, "1500000")));

        assertThat(messageTo(chat)).contains("1500000 units of token 0xB1B1…B1B1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
