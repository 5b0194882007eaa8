/**
 * Benchmarks run by {@code bench/run <name>}; each prints its figures and a ratio to a baseline measured in the same
 * run. A module of their own, which nothing depends on and nothing ships: they use the devkit and the test support
 * (JvmProcess) at runtime, which no image may carry.
 */
package io.chainwatch.bench;
