package io.chainwatch.ingestor.app;

import jakarta.inject.Singleton;

import io.chainwatch.ingestor.IngestorService;
import io.chainwatch.wiring.ServiceHealth;
import io.chainwatch.wiring.ServiceHealthIndicator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;

/** Reports each chain's ingest state, and the replication of chainwatch's Kafka topics, under {@code /health}. */
@Singleton
@Requires(beans = IngestorService.class)
final class IngestorHealthIndicator extends ServiceHealthIndicator<IngestorService> {

    IngestorHealthIndicator(BeanProvider<IngestorService> service, ApplicationContext ctx) {
        super("ingestor", service, ctx, ingestor -> new ServiceHealth(ingestor.isHealthy(), ingestor.details()));
    }
}
