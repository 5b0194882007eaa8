package io.chainwatch.ingestor.app;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ingestor.IngestorService;
import io.chainwatch.kafka.TopicHealth;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

/** Reports each chain's ingest state, and the replication of chainwatch's Kafka topics, under {@code /health}. */
@Singleton
@Requires(beans = IngestorService.class)
final class IngestorHealthIndicator extends AbstractHealthIndicator<Map<String, String>> {

    private final IngestorService service;
    private final TopicHealth topics;

    IngestorHealthIndicator(IngestorService service, ApplicationContext ctx) {
        this.service = service;
        this.topics = TopicHealth.from(ctx.findBean(RuntimeEnv.class).orElseGet(RuntimeEnv::system), Clock
                .systemUTC());
    }

    @PreDestroy
    void close() {
        topics.close();
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        healthStatus = service.isHealthy() ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, String> details = new LinkedHashMap<>(service.details());
        details.putAll(topics.details());
        return details;
    }

    @Override
    protected String getName() {
        return "ingestor";
    }
}
