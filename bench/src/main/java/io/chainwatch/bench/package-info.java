/** Benchmarks run by {@code bench/run <name>}; each prints its figures and a ratio to a baseline measured in the same run. */
package io.chainwatch.bench;
