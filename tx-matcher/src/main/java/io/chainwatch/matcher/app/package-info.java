/** Micronaut wiring of the tx-matcher: main class, service factory and health indicator. No logic lives here. */
package io.chainwatch.matcher.app;
