/**
 * Pure statistics of the benchmarks: percentiles, least-squares trends with their standard error, per-window
 * summaries and the soak's target verdicts. No I/O and no clock: every input is a value, so each is unit-tested.
 */
package io.chainwatch.bench.stats;
