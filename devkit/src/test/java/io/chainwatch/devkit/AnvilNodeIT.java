package io.chainwatch.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class AnvilNodeIT {

    @Test
    void shouldMineBlockWhenTransactionIsSent() {
        try (AnvilNode anvil = AnvilNode.start()) {
            List<String> accounts = anvil.accounts();
            long before = anvil.blockNumber();

            String txHash = anvil.sendEth(accounts.get(0), accounts.get(1), BigInteger.TEN.pow(18));

            assertThat(txHash).matches("0x[0-9a-f]{64}");
            await().atMost(Duration.ofSeconds(5)).until(() -> anvil.blockNumber() == before + 1);
            JsonNode receipt = anvil.rpc("eth_getTransactionReceipt", txHash);
            assertThat(receipt.get("status").asText()).isEqualTo("0x1");
            assertThat(anvil.rpc("eth_chainId").asText()).isEqualTo("0x7a69");
        }
    }

    @Test
    void shouldReplaceRecentBlocksWhenReorged() {
        try (AnvilNode anvil = AnvilNode.start()) {
            anvil.mine(5);
            long head = anvil.blockNumber();
            String parentOfHead = anvil.blockHash(head - 1).orElseThrow();
            String stable = anvil.blockHash(head - 2).orElseThrow();

            anvil.reorg(2);

            assertThat(anvil.blockNumber()).isEqualTo(head);
            assertThat(anvil.blockHash(head - 1)).get().isNotEqualTo(parentOfHead);
            assertThat(anvil.blockHash(head - 2)).contains(stable);
        }
    }

    @Test
    void shouldMineOnlyOnRequestWhenAutomineIsOff() {
        try (AnvilNode anvil = AnvilNode.start()) {
            List<String> accounts = anvil.accounts();
            anvil.setAutomine(false);
            long before = anvil.blockNumber();

            anvil.sendEth(accounts.get(0), accounts.get(1), BigInteger.ONE);
            assertThat(anvil.blockNumber()).isEqualTo(before);
            anvil.mine(1);

            assertThat(anvil.blockNumber()).isEqualTo(before + 1);
        }
    }

    @Test
    void shouldMineOnTimerWhenBlockTimeIsSet() {
        try (AnvilNode anvil = AnvilNode.start(AnvilNode.options().blockTime(Duration.ofSeconds(1)))) {
            long start = anvil.blockNumber();

            await().atMost(Duration.ofSeconds(5)).until(() -> anvil.blockNumber() >= start + 2);
        }
    }

    @Test
    void shouldLeaveNoProcessWhenClosed() {
        AnvilNode anvil = AnvilNode.start();
        ProcessHandle handle = ProcessHandle.of(anvil.pid()).orElseThrow();

        anvil.close();

        assertThat(handle.isAlive()).isFalse();
        assertThat(ProcessHandle.of(anvil.pid())).isEmpty();
    }
}
