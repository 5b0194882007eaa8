package io.chainwatch.schema;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What chainwatch knows about an EVM chain before reading any configuration.
 *
 * @param name canonical lower-case name used in keys, topics and commands
 * @param chainId EIP-155 chain id; the ingestor refuses a node that reports another
 * @param aliases other names users may type ({@code eth}, {@code bnb})
 * @param nativeSymbol symbol of the native coin
 * @param nativeDecimals decimals of the native coin
 * @param explorerTxUrl explorer URL prefix for a transaction hash, empty when there is no explorer
 * @param explorerAddressUrl explorer URL prefix for an address, empty when there is no explorer
 * @param defaultConfirmations confirmations before notifying, unless configured otherwise
 * @param pollInterval how often to ask for the head when no websocket is configured
 * @param defaultRpcUrls public endpoints used when {@code CHAINWATCH_RPC_<CHAIN>} is not set
 * @param defaultEnsRegistry the ENS registry's address in lower case, used when
 *            {@code CHAINWATCH_ENS_REGISTRY_<CHAIN>} is not set; empty where the chain has none
 */
public record ChainPreset(String name, long chainId, List<String> aliases, String nativeSymbol, int nativeDecimals,
        String explorerTxUrl, String explorerAddressUrl, int defaultConfirmations, Duration pollInterval,
        List<String> defaultRpcUrls, String defaultEnsRegistry) {

    /** A chain without an ENS registry. */
    public ChainPreset(String name, long chainId, List<String> aliases, String nativeSymbol, int nativeDecimals,
            String explorerTxUrl, String explorerAddressUrl, int defaultConfirmations, Duration pollInterval,
            List<String> defaultRpcUrls) {
        this(name, chainId, aliases, nativeSymbol, nativeDecimals, explorerTxUrl, explorerAddressUrl,
                defaultConfirmations, pollInterval, defaultRpcUrls, "");
    }

    /** Explorer link for a transaction, or empty where the chain has no explorer (devnet). */
    public Optional<String> txUrl(String txHash) {
        return explorerTxUrl.isEmpty() ? Optional.empty() : Optional.of(explorerTxUrl + txHash);
    }

    /** Explorer link for an address, or empty where the chain has no explorer (devnet). */
    public Optional<String> addressUrl(String address) {
        return explorerAddressUrl.isEmpty() ? Optional.empty() : Optional.of(explorerAddressUrl + address);
    }

    /** Name shown to people, e.g. "Ethereum", "BNB Smart Chain". */
    public String displayName() {
        return switch (name) {
            case "ethereum" -> "Ethereum";
            case "bsc" -> "BNB Smart Chain";
            case "polygon" -> "Polygon";
            case "base" -> "Base";
            case "arbitrum" -> "Arbitrum One";
            case "optimism" -> "OP Mainnet";
            case "devnet" -> "Devnet";
            default -> name;
        };
    }
}
