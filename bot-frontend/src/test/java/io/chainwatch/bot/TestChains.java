package io.chainwatch.bot;

import java.util.List;
import java.util.Map;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;

/** The chains the tests configure: ethereum, bsc and devnet (polygon is known but not enabled). */
public final class TestChains {

    public static final List<ChainConfig> CHAINS = ChainConfig.allFrom(RuntimeEnv.of(Map.of(ChainConfig.CHAINS,
            "ethereum,bsc,devnet")));

    public static ChainConfig chain(String name) {
        return CHAINS.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private TestChains() {
    }
}
