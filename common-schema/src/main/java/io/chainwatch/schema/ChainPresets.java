package io.chainwatch.schema;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The chains chainwatch knows by name. Any other EVM chain can be added here by configuration later. */
public final class ChainPresets {

    /**
     * The ENS registry, at the same address on every chain where ENS itself is deployed (Ethereum mainnet and its
     * testnets); the {@code ethereum} preset's default.
     */
    public static final String ENS_REGISTRY = "0x00000000000c2e074ec69a0dfb2997ba6c7d2e1e";

    public static final ChainPreset ETHEREUM = new ChainPreset("ethereum", 1, List.of("eth", "mainnet"), "ETH", 18,
            "https://etherscan.io/tx/", "https://etherscan.io/address/", 2, Duration.ofSeconds(2),
            List.of("https://ethereum-rpc.publicnode.com", "https://eth.llamarpc.com", "https://rpc.ankr.com/eth"),
            ENS_REGISTRY);
    public static final ChainPreset BSC = new ChainPreset("bsc", 56, List.of("bnb", "bsc-mainnet", "binance"), "BNB",
            18, "https://bscscan.com/tx/", "https://bscscan.com/address/", 3, Duration.ofMillis(400),
            List.of("https://bsc-dataseed.bnbchain.org", "https://bsc-rpc.publicnode.com",
                    "https://bsc-dataseed1.defibit.io"));
    public static final ChainPreset POLYGON = new ChainPreset("polygon", 137, List.of("matic", "pol"), "POL", 18,
            "https://polygonscan.com/tx/", "https://polygonscan.com/address/", 5, Duration.ofSeconds(1),
            List.of("https://polygon-rpc.com", "https://polygon-bor-rpc.publicnode.com"));
    public static final ChainPreset BASE = new ChainPreset("base", 8453, List.of(), "ETH", 18,
            "https://basescan.org/tx/", "https://basescan.org/address/", 2, Duration.ofSeconds(1),
            List.of("https://mainnet.base.org", "https://base-rpc.publicnode.com"));
    public static final ChainPreset ARBITRUM = new ChainPreset("arbitrum", 42161, List.of("arb", "arbitrum-one"),
            "ETH", 18, "https://arbiscan.io/tx/", "https://arbiscan.io/address/", 1, Duration.ofMillis(500),
            List.of("https://arb1.arbitrum.io/rpc", "https://arbitrum-one-rpc.publicnode.com"));
    public static final ChainPreset OPTIMISM = new ChainPreset("optimism", 10, List.of("op"), "ETH", 18,
            "https://optimistic.etherscan.io/tx/", "https://optimistic.etherscan.io/address/", 2, Duration.ofSeconds(1),
            List.of("https://mainnet.optimism.io", "https://optimism-rpc.publicnode.com"));
    public static final ChainPreset DEVNET = new ChainPreset("devnet", 31337, List.of("anvil", "hardhat", "local"),
            "ETH", 18, "", "", 0, Duration.ofMillis(250), List.of("http://127.0.0.1:8545"));

    public static final List<ChainPreset> ALL = List.of(ETHEREUM, BSC, POLYGON, BASE, ARBITRUM, OPTIMISM, DEVNET);

    private ChainPresets() {
    }

    /** The preset whose name or alias is {@code nameOrAlias}, ignoring case and surrounding blanks. */
    public static Optional<ChainPreset> find(String nameOrAlias) {
        if (nameOrAlias == null) {
            return Optional.empty();
        }
        String wanted = nameOrAlias.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(wanted) || p.aliases().contains(wanted)).findFirst();
    }

    /** Like {@link #find(String)}, for configuration: an unknown name is a startup error naming the valid ones. */
    public static ChainPreset require(String nameOrAlias) {
        return find(nameOrAlias).orElseThrow(() -> new IllegalArgumentException("unknown chain '" + nameOrAlias
                + "'; known chains: " + names()));
    }

    /** Known chain names, comma separated, for messages. */
    public static String names() {
        return String.join(", ", ALL.stream().map(ChainPreset::name).toList());
    }
}
