/**
 * Solidity test contracts deployed on a real devnet node, so the ITs watch what a chain really emits: a
 * Chainlink-compatible {@link io.chainwatch.devkit.contracts.PriceFeed}, {@link io.chainwatch.devkit.contracts.Ens}
 * (registry, public resolver, reverse registrar, interface-compatible with mainnet's), an ERC-20
 * {@link io.chainwatch.devkit.contracts.Token}, an ERC-721 {@link io.chainwatch.devkit.contracts.Nft} and a
 * {@link io.chainwatch.devkit.contracts.Swap} pool, all deployed through
 * {@link io.chainwatch.devkit.contracts.TestContracts}.
 * <p>
 * The sources are in {@code devkit/src/main/solidity}; their ABI and bytecode are committed resources
 * ({@link io.chainwatch.devkit.contracts.CompiledContract}) written by {@code compile.mjs} with solc from npm, so no
 * build or test needs a compiler, and {@code CompiledContractsIT} fails when they drift from the sources. Calls are
 * encoded by the small {@link io.chainwatch.devkit.contracts.Abi} here rather than web3j, which the production code
 * uses: a test should not share the library it checks.
 */
package io.chainwatch.devkit.contracts;
