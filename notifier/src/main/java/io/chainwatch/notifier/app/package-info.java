/** Micronaut wiring of the notifier: the main class, the factory that starts the service, its health indicator. */
package io.chainwatch.notifier.app;
