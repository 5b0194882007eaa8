package io.chainwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChainConfigTest {

    @Test
    void shouldDefaultToEthereumAndBscWithPresetEndpoints() {
        List<ChainConfig> chains = ChainConfig.allFrom(RuntimeEnv.of(Map.of()));
        assertThat(chains).extracting(ChainConfig::name).containsExactly("ethereum", "bsc");
        assertThat(chains.get(0).rpcUrls()).isNotEmpty();
        assertThat(chains.get(1).confirmations()).isEqualTo(3);
    }

    @Test
    void shouldReadRpcUrlsAndConfirmationsPerChain() {
        var env = RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "anvil", "CHAINWATCH_RPC_DEVNET",
                "http://127.0.0.1:8545, ws://127.0.0.1:8546", "CHAINWATCH_CONFIRMATIONS_DEVNET", "0"));
        ChainConfig devnet = ChainConfig.allFrom(env).get(0);
        assertThat(devnet.name()).isEqualTo("devnet");
        assertThat(devnet.rpcUrls()).containsExactly("http://127.0.0.1:8545", "ws://127.0.0.1:8546");
        assertThat(devnet.confirmations()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CHAINWATCH_CHAINS|dogechain|unknown chain 'dogechain'; known chains: ethereum",
            "CHAINWATCH_CHAINS|eth,ethereum|names the chain 'ethereum' twice",
            "CHAINWATCH_RPC_ETHEREUM|ftp://node|must list http(s):// or ws(s):// URLs",
            "CHAINWATCH_CONFIRMATIONS_ETHEREUM|-1|must be between 0 and 1000",
            "CHAINWATCH_CONFIRMATIONS_ETHEREUM|two|must be a whole number"})
    void shouldFailFastNamingTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> ChainConfig.allFrom(RuntimeEnv.of(Map.of(variable, value))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(variable).hasMessageContaining(message);
    }

    @Test
    void shouldRedactPathAndQueryOfRpcUrls() {
        assertThat(ChainConfig.redact("https://mainnet.infura.io/v3/SECRETKEY"))
                .isEqualTo("https://mainnet.infura.io/…");
        assertThat(ChainConfig.redact("http://127.0.0.1:8545")).isEqualTo("http://127.0.0.1:8545");
    }

    @ParameterizedTest
    @CsvSource({"250ms,250", "30s,30000", "5m,300000", "1h,3600000", "7d,604800000", "PT2S,2000"})
    void shouldParseDurations(String text, long millis) {
        assertThat(RuntimeEnv.parseDuration("X", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void shouldNeverPrintValues() {
        assertThat(RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", "123:secret")).toString()).doesNotContain("secret");
    }
}
