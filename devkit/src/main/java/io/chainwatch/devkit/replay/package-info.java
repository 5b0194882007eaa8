/**
 * A replay node for benchmarks: {@link io.chainwatch.devkit.replay.ReplayNode} serves a chain generated once by
 * {@link io.chainwatch.devkit.replay.ReplayChain} (full blocks with native and ERC-20 transfers, their receipts and
 * logs) from memory, each answer serialised to bytes once, so that a client reading it measures itself rather than the
 * node.
 */
package io.chainwatch.devkit.replay;
