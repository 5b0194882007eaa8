package io.chainwatch.devkit.contracts;

import java.math.BigInteger;

import io.chainwatch.devkit.DevnetNode;

/**
 * Deploys the test contracts (compiled from {@code devkit/src/main/solidity}) on a devnet node with automatic mining,
 * each call returning once the deployment is mined, as a handle whose methods send the transactions tests need.
 * {@code from} is the deployer: one of the node's accounts, or any address on anvil and the hardhat node (which then
 * impersonate it). Stateless; the handles are thread-safe.
 */
public final class TestContracts {

    private TestContracts() {
    }

    /** A Chainlink-compatible feed with {@code decimals} decimals answering {@code answer} in round 1. */
    public static PriceFeed deployPriceFeed(DevnetNode node, String from, int decimals, BigInteger answer) {
        return PriceFeed.deploy(new Transactions(node), from, decimals, answer);
    }

    /** ENS: registry, public resolver and reverse registrar, with {@code eth} and {@code addr.reverse} set up. */
    public static Ens deployEns(DevnetNode node, String from) {
        return Ens.deploy(new Transactions(node), from);
    }

    /** An ERC-20 named "Test {@code symbol}" with {@code decimals} decimals and no supply until minted. */
    public static Token deployToken(DevnetNode node, String from, String symbol, int decimals) {
        return Token.deploy(new Transactions(node), from, symbol, decimals);
    }

    /** An ERC-721 collection named "Test {@code symbol}", empty until minted. */
    public static Nft deployNft(DevnetNode node, String from, String symbol) {
        return Nft.deploy(new Transactions(node), from, "Test " + symbol, symbol);
    }

    /** A swap pool holding nothing until funded. */
    public static Swap deploySwap(DevnetNode node, String from) {
        return Swap.deploy(new Transactions(node), from);
    }
}
