/**
 * What every chainwatch service shares: the Avro records generated from {@code src/main/avro}, their Kafka serdes,
 * the typed topic registry ({@link io.chainwatch.schema.Topics}), chain presets
 * ({@link io.chainwatch.schema.ChainPresets}), addresses as texts show them ({@link io.chainwatch.schema.Addresses})
 * and the console formatter ({@link io.chainwatch.schema.JsonFormatter}).
 */
package io.chainwatch.schema;
