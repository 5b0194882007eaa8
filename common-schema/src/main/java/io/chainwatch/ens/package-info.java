/**
 * ENS names, read only from a chain's own nodes with {@code eth_call}: EIP-137's namehash ({@link Namehash}), a
 * pragmatic subset of ENSIP-15 normalisation ({@link EnsNames}), the ABI of the registry's {@code resolver(bytes32)}
 * and a resolver's {@code addr(bytes32)} and {@code name(bytes32)} ({@link EnsAbi}), and {@link EnsResolver}: a name to
 * its address, and an address to its primary name, trusted only when that name resolves back to the same address and
 * does not look like an address ({@link EnsOutcome}). Which chains have a registry is configuration
 * ({@link EnsRegistries}).
 * <p>
 * Nothing here talks to the network by itself: the caller supplies {@link EthCall}, so nothing is ever asked of a third
 * party. Pure and thread-safe, apart from what the supplied call does.
 */
package io.chainwatch.ens;
