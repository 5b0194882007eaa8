/** Micronaut wiring of the block-ingestor: main class, factory, health indicator. */
package io.chainwatch.ingestor.app;
