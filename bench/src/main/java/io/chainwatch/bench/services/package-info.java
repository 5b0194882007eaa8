/**
 * The services as the footprint and soak benchmarks run them: each in a JVM of its own with the image's memory flags
 * ({@link io.chainwatch.bench.services.ServiceJvms}), read from the outside as an operator would ({@code /proc},
 * {@code /prometheus}, the GC log: {@link io.chainwatch.bench.services.ProcStats},
 * {@link io.chainwatch.bench.services.GcLog}), fed with subscriptions as the bot's outbox publishes them
 * ({@link io.chainwatch.bench.services.Subscriptions}).
 */
package io.chainwatch.bench.services;
