package io.chainwatch.ingestor.app;

import java.util.Map;

import jakarta.inject.Singleton;

import io.chainwatch.ingestor.IngestorService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

/** Reports each chain's ingest state under {@code /health}. */
@Singleton
@Requires(beans = IngestorService.class)
final class IngestorHealthIndicator extends AbstractHealthIndicator<Map<String, String>> {

    private final IngestorService service;

    IngestorHealthIndicator(IngestorService service) {
        this.service = service;
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        healthStatus = service.isHealthy() ? HealthStatus.UP : HealthStatus.DOWN;
        return service.details();
    }

    @Override
    protected String getName() {
        return "ingestor";
    }
}
