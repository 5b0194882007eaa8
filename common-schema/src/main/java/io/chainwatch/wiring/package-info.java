/**
 * The one shape of every service's Micronaut wiring: how a service is built from the runtime environment and
 * started ({@link io.chainwatch.wiring.ServiceWiring}), and how it reports under {@code /health}
 * ({@link io.chainwatch.wiring.ServiceHealthIndicator}, with the replication of chainwatch's topics alongside).
 * The services' {@code app} packages only say what is particular to them: which service, which settings, which
 * details.
 */
package io.chainwatch.wiring;
