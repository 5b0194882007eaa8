package io.chainwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChainPresetsTest {

    @ParameterizedTest
    @CsvSource({"ethereum,1", "ETH,1", " bnb ,56", "bsc,56", "polygon,137", "base,8453", "arbitrum,42161",
            "optimism,10", "devnet,31337", "anvil,31337"})
    void shouldFindPresetByNameOrAlias(String name, long chainId) {
        assertThat(ChainPresets.find(name)).get().extracting(ChainPreset::chainId).isEqualTo(chainId);
    }

    @Test
    void shouldNameValidChainsWhenUnknown() {
        assertThat(ChainPresets.find("dogechain")).isEmpty();
        assertThatThrownBy(() -> ChainPresets.require("dogechain")).hasMessageContaining("ethereum, bsc");
    }

    @Test
    void shouldLinkExplorerExceptOnDevnet() {
        assertThat(ChainPresets.ETHEREUM.txUrl("0xab")).contains("https://etherscan.io/tx/0xab");
        assertThat(ChainPresets.DEVNET.txUrl("0xab")).isEmpty();
    }
}
