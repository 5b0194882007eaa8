package io.chainwatch.ens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.schema.ChainPresets;

class EnsRegistriesTest {

    private static final RuntimeEnv CHAINS = RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "ethereum,bsc,devnet"));

    @Test
    void shouldKnowTheRegistryOfEthereumOnlyByDefault() {
        EnsRegistries registries = EnsRegistries.from(CHAINS, ChainConfig.allFrom(CHAINS));
        assertThat(registries.of("ethereum")).contains(ChainPresets.ENS_REGISTRY);
        assertThat(registries.of("bsc")).isEmpty();
        assertThat(registries.of("devnet")).isEmpty();
    }

    @Test
    void shouldTakeARegistryPerChainOrNone() {
        RuntimeEnv env = CHAINS.with(Map.of("CHAINWATCH_ENS_REGISTRY_ETHEREUM", "none",
                "CHAINWATCH_ENS_REGISTRY_DEVNET", "0x5FbDB2315678afecb367f032d93F642f64180aa3"));
        EnsRegistries registries = EnsRegistries.from(env, ChainConfig.allFrom(env));
        assertThat(registries.of("ethereum")).isEmpty();
        assertThat(registries.of("devnet")).contains("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    }

    @Test
    void shouldStopTheStartOnAMalformedRegistryNamingTheVariable() {
        RuntimeEnv env = CHAINS.with(Map.of("CHAINWATCH_ENS_REGISTRY_BSC", "0x1234"));
        List<ChainConfig> chains = ChainConfig.allFrom(env);
        assertThatThrownBy(() -> EnsRegistries.from(env, chains)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "CHAINWATCH_ENS_REGISTRY_BSC");
    }
}
