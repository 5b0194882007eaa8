package io.chainwatch.bot.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.bot.TelegramHtmlCheck;
import io.chainwatch.bot.track.ChainRpc;
import io.chainwatch.bot.track.TxLookup;
import io.chainwatch.bot.track.TxStatus;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.schema.ChainPresets;

/** {@code /track}'s lookup on anvil: mined before it was asked, failed with a reason, pending, never seen. */
class TrackLookupIT {

    /** Init code of a contract whose every call reverts with {@code Error("nope")}. */
    static final String REVERTS_WITH_NOPE = "0x6057600c60003960576000f37f08c379a00000000000000000000000000000000000000000000000000000000060005260"
            + "2060045260046024527f6e6f70650000000000000000000000000000000000000000000000000000000060445260646000fd";

    static AnvilNode anvil;
    static NodeRpc nodes;
    static List<String> accounts;

    @BeforeAll
    static void start() {
        anvil = AnvilNode.start();
        List<ChainConfig> chains = ChainConfig.allFrom(RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "devnet",
                "CHAINWATCH_RPC_DEVNET", anvil.rpcUrl())));
        nodes = new NodeRpc(chains, Duration.ofSeconds(5));
        accounts = anvil.accounts();
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    static ChainRpc rpc() {
        return nodes.ask("devnet");
    }

    static TxStatus lookup(String hash) throws Exception {
        return TxLookup.lookup(rpc(), hash);
    }

    @Test
    void shouldTellTheOutcomeBlockConfirmationsAndFeeWhenTheTransactionWasMinedBeforeItWasTracked()
            throws Exception {
        String hash = anvil.sendEth(accounts.get(0), accounts.get(1), BigInteger.TEN.pow(18));
        JsonNode receipt = await().atMost(Duration.ofSeconds(5)).until(() -> anvil.receipt(hash), Optional::isPresent)
                .orElseThrow();
        anvil.mine(5);

        TxStatus.Mined mined = (TxStatus.Mined) lookup(hash.toUpperCase().replace("0X", "0x"));

        long block = Long.decode(receipt.path("blockNumber").asText());
        assertThat(mined.hash()).isEqualTo(hash.toLowerCase());
        assertThat(mined.succeeded()).isTrue();
        assertThat(mined.block()).isEqualTo(block);
        assertThat(mined.blockHash()).isEqualTo(receipt.path("blockHash").asText());
        assertThat(mined.confirmations()).isEqualTo(anvil.blockNumber() - block + 1).isEqualTo(6);
        assertThat(mined.finalized()).isFalse();
        assertThat(mined.fee()).isEqualTo(new BigInteger(receipt.path("gasUsed").asText().substring(2), 16).multiply(
                new BigInteger(receipt.path("effectiveGasPrice").asText().substring(2), 16)));
        assertThat(mined.from()).isEqualTo(accounts.get(0).toLowerCase());
        assertThat(mined.to()).contains(accounts.get(1).toLowerCase());
        assertThat(mined.value()).isEqualTo(BigInteger.TEN.pow(18));
        String text = TrackTexts.describe(ChainPresets.DEVNET, mined, Duration.ofMinutes(30));
        assertThat(text).startsWith("✅ <b>Succeeded</b> on <b>Devnet</b>\nBlock " + String.format(Locale.ROOT, "#%,d",
                block)
                + " · 6 confirmations · not final yet\nFee paid: ").contains(" · 1 ETH\n<code>" + mined.hash()
                        + "</code>");
        TelegramHtmlCheck.plainText(text);

        anvil.mine(64); // anvil finalizes two epochs of 32 slots below its head
        TxStatus.Mined deeper = (TxStatus.Mined) lookup(hash);
        assertThat(deeper.finalized()).isTrue();
        assertThat(TrackTexts.describe(ChainPresets.DEVNET, deeper, Duration.ofMinutes(30))).contains(
                " · 70 confirmations · final\n");
    }

    @Test
    void shouldGiveTheRevertReasonFromTheTracerOrFromReplayingTheCallWhenTheTransactionFailed() throws Exception {
        String deploy = anvil.sendData(accounts.get(0), Optional.empty(), REVERTS_WITH_NOPE);
        String contract = await().atMost(Duration.ofSeconds(5)).until(() -> anvil.receipt(deploy), Optional::isPresent)
                .orElseThrow().path("contractAddress").asText();
        String failing = anvil.sendData(accounts.get(0), Optional.of(contract), "0x12345678");
        await().atMost(Duration.ofSeconds(5)).until(() -> anvil.receipt(failing), Optional::isPresent);

        TxStatus.Mined traced = (TxStatus.Mined) lookup(failing);
        ChainRpc noDebugNamespace = (method, params) -> {
            if (method.startsWith("debug_")) {
                throw new ChainRpc.RpcError(-32601, "the method " + method + " does not exist/is not available", "");
            }
            return rpc().call(method, params);
        };
        TxStatus.Mined replayed = (TxStatus.Mined) TxLookup.lookup(noDebugNamespace, failing);

        assertThat(traced.succeeded()).isFalse();
        assertThat(traced.revertReason()).contains("nope");
        assertThat(replayed.revertReason()).contains("nope");
        assertThat(traced.fee()).isPositive();
        assertThat(traced.to()).contains(contract.toLowerCase());
        assertThat(TrackTexts.describe(ChainPresets.DEVNET, traced, Duration.ofMinutes(30))).startsWith(
                "❌ <b>Failed</b> on <b>Devnet</b>: nope\n").contains("\nFee paid, though it failed: ");
    }

    @Test
    void shouldReportPendingWithSenderNonceAndFeeUntilItIsMined() throws Exception {
        anvil.setAutomine(false);
        String hash;
        try {
            hash = anvil.sendEth(accounts.get(2), accounts.get(3), BigInteger.valueOf(12345));
            TxStatus.Pending pending = (TxStatus.Pending) lookup(hash);
            assertThat(pending.from()).isEqualTo(accounts.get(2).toLowerCase());
            assertThat(pending.nonce()).isEqualTo(Long.decode(anvil.rpc("eth_getTransactionCount", accounts.get(2),
                    "latest").asText()));
            assertThat(pending.maxFeePerGas()).isPositive();
            assertThat(TrackTexts.describe(ChainPresets.DEVNET, pending, Duration.ofMinutes(30))).startsWith(
                    "⏳ <b>Pending</b> on <b>Devnet</b>: waiting in the nodes' pool, not mined yet\n")
                    .contains(" · nonce "
                            + pending.nonce() + "\nFee offered: up to ");
            anvil.mine(1);
        } finally {
            anvil.setAutomine(true);
        }
        assertThat(lookup(hash)).isInstanceOfSatisfying(TxStatus.Mined.class, m -> assertThat(m.confirmations())
                .isEqualTo(1));
    }

    @Test
    void shouldSayNotSeenYetWhenNoNodeKnowsTheHash() throws Exception {
        String unknown = "0x" + "ab".repeat(32);

        TxStatus status = lookup(unknown);

        assertThat(status).isEqualTo(new TxStatus.Unknown(unknown));
        assertThat(TrackTexts.describe(ChainPresets.DEVNET, status, Duration.ofMinutes(30))).isEqualTo(
                "🔎 Not seen on <b>Devnet</b> yet — I will keep looking for 30 minutes.\n<code>" + unknown + "</code>");
    }
}
