/**
 * The standalone mode: every service in one JVM, with an embedded Kafka broker and an embedded Postgres unless
 * {@code KAFKA_BOOTSTRAP_SERVERS} / {@code CHAINWATCH_DB_URL} point elsewhere. State lives under
 * {@code CHAINWATCH_DATA_DIR}, so a restart (also after {@code kill -9}) continues where it stopped.
 */
package io.chainwatch.standalone;
