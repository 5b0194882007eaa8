package io.chainwatch.notifier.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.schema.Addresses;

class PriceFeedsTest {

    private static final String FEED = "0x" + "f1".repeat(20);
    private static final String TOKEN = "0x" + "a1".repeat(20);

    private static PriceFeeds from(Map<String, String> env) {
        RuntimeEnv runtime = RuntimeEnv.of(env);
        return PriceFeeds.from(runtime, ChainConfig.allFrom(runtime));
    }

    @Test
    void shouldWriteEveryPresetAddressWithAValidChecksumSoATypoCannotSlipIn() {
        List<PriceFeeds.Preset> rows = PriceFeeds.presetRows();
        assertThat(rows).extracting(PriceFeeds.Preset::chain).contains("ethereum", "bsc");
        for (PriceFeeds.Preset row : rows) {
            assertThat(Addresses.checksummed(row.feed())).as(row.symbol() + " feed").isEqualTo(row.feed());
            if (!row.asset().equals(PriceFeeds.NATIVE)) {
                assertThat(Addresses.checksummed(row.asset())).as(row.symbol() + " token").isEqualTo(row.asset());
            }
        }
    }

    @Test
    void shouldPriceTheNativeCoinsAndStablecoinsOfEthereumAndBscByDefault() {
        PriceFeeds feeds = from(Map.of());

        assertThat(feeds.feed("ethereum", PriceFeeds.NATIVE)).contains("0x5f4ec3df9cbd43714fe2740f5e3616155c5b8419");
        assertThat(feeds.feed("ethereum", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48")).contains(
                "0x8fffffd4afb6115b954bd326cbe7b4ba576818f6");
        assertThat(feeds.feed("bsc", PriceFeeds.NATIVE)).contains("0x0567f2323251f0aab15c8dfb1967e4e8a7d42aee");
        assertThat(feeds.feed("bsc", "0x55d398326f99059ff775485246999027b3197955")).isPresent();
        assertThat(feeds.feed("ethereum", TOKEN)).isEmpty();
    }

    @Test
    void shouldReplaceAChainsPresetsWithItsOwnList() {
        PriceFeeds feeds = from(Map.of(ChainConfig.CHAINS, "ethereum,devnet", "CHAINWATCH_PRICE_FEEDS_ETHEREUM",
                "native=" + FEED, "CHAINWATCH_PRICE_FEEDS_DEVNET", " NATIVE = " + FEED.toUpperCase().replace("0X",
                        "0x") + " , " + TOKEN + "=" + FEED));

        assertThat(feeds.of("ethereum")).isEqualTo(Map.of(PriceFeeds.NATIVE, FEED));
        assertThat(feeds.feed("devnet", PriceFeeds.NATIVE)).contains(FEED);
        assertThat(feeds.feed("devnet", TOKEN.toUpperCase().replace("0X", "0x"))).contains(FEED);
    }

    @Test
    void shouldTurnAChainsFeedsOffWithNone() {
        assertThat(from(Map.of("CHAINWATCH_PRICE_FEEDS_BSC", "none")).of("bsc")).isEmpty();
        assertThat(from(Map.of(ChainConfig.CHAINS, "devnet")).isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseAMalformedListNamingTheVariable() {
        assertThatThrownBy(() -> from(Map.of("CHAINWATCH_PRICE_FEEDS_ETHEREUM", "native"))).isInstanceOf(
                ConfigException.class).hasMessageContaining("CHAINWATCH_PRICE_FEEDS_ETHEREUM").hasMessageContaining(
                        "<asset>=<feed address>");
        assertThatThrownBy(() -> from(Map.of("CHAINWATCH_PRICE_FEEDS_ETHEREUM", "usdc=" + FEED))).isInstanceOf(
                ConfigException.class).hasMessageContaining("the token 'usdc' is not an address");
        assertThatThrownBy(() -> from(Map.of("CHAINWATCH_PRICE_FEEDS_ETHEREUM", "native=0x12"))).isInstanceOf(
                ConfigException.class).hasMessageContaining("the feed '0x12'");
        assertThatThrownBy(() -> from(Map.of("CHAINWATCH_PRICE_FEEDS_ETHEREUM", "native=" + FEED + ",native="
                + FEED))).isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
    }
}
