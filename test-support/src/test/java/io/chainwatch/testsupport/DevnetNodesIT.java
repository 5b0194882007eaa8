package io.chainwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.chainwatch.devkit.DevnetNode;

/** The ganache and hardhat launchers: each starts a real node of the devnet chain that mines as asked. */
class DevnetNodesIT {

    static Stream<Arguments> launchers() {
        return Stream.of(Arguments.of("ganache", (Supplier<DevnetNode>) GanacheNode::start), Arguments.of("hardhat",
                (Supplier<DevnetNode>) HardhatNode::start));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("launchers")
    void shouldServeTheDevnetChainAndMineOnRequestWhenAutomineIsOff(String name, Supplier<DevnetNode> launcher) {
        long started = System.nanoTime();
        try (DevnetNode node = launcher.get()) {
            System.out.printf("%s answered after %d ms%n", name, (System.nanoTime() - started) / 1_000_000);
            assertThat(node.implementation()).isEqualTo(name);
            assertThat(node.rpc("eth_chainId").asText()).isEqualTo("0x7a69");
            List<String> accounts = node.accounts();
            long before = node.blockNumber();
            String mined = node.sendEth(accounts.get(0), accounts.get(1), BigInteger.TEN);
            await().atMost(Duration.ofSeconds(5)).until(() -> node.receipt(mined).isPresent());
            assertThat(node.blockNumber()).isEqualTo(before + 1);

            node.setAutomine(false);
            String pending = node.sendEth(accounts.get(0), accounts.get(1), BigInteger.TWO);
            assertThat(node.receipt(pending)).isEmpty();
            node.mine(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> node.receipt(pending).isPresent());
            assertThat(node.blockNumber()).isEqualTo(before + 2);
        }
    }
}
