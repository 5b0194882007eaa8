/**
 * The pieces of {@code bench/run soak}: the chains' load behind {@link io.chainwatch.bench.soak.ChainLoad} (anvil
 * today, {@link io.chainwatch.bench.soak.AnvilChainLoad}; a replay node may drive a chain instead), the rhythm of a
 * chain and its bursts ({@link io.chainwatch.bench.soak.Rhythm}), which addresses are watched by which chat
 * ({@link io.chainwatch.bench.soak.WatchedAddresses}), what the pipeline shows from the outside (blocks visible in
 * Kafka, consumer lag: {@link io.chainwatch.bench.soak.PipelineProbe}), expected notifications against the Bot API
 * double's ({@link io.chainwatch.bench.soak.Deliveries}) and the HTML page of the run
 * ({@link io.chainwatch.bench.soak.SoakPage}).
 */
package io.chainwatch.bench.soak;
