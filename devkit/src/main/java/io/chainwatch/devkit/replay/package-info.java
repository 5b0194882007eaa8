/**
 * A replay node for benchmarks: {@link io.chainwatch.devkit.replay.ReplayNode} serves, from memory and over http and
 * ws, either a chain generated once by {@link io.chainwatch.devkit.replay.ReplayChain} (full blocks with native and
 * ERC-20 transfers, their receipts and logs; {@code bench/run ingest-ceiling}) or a
 * {@link io.chainwatch.devkit.replay.LiveReplayChain} that grows while served, its last blocks only, each new head
 * pushed to {@code newHeads} subscribers ({@code bench/run soak}). Each answer is serialised to bytes once, so that a
 * client reading it measures itself rather than the node.
 */
package io.chainwatch.devkit.replay;
