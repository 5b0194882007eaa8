package io.chainwatch.matcher.app;

import java.util.Map;

import jakarta.inject.Singleton;

import io.chainwatch.matcher.MatcherHealth;
import io.chainwatch.matcher.MatcherService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

/** {@code matcher} in {@code /health}: UP while the Kafka Streams are running or rebalancing. */
@Singleton
@Requires(beans = MatcherService.class)
public class MatcherHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final MatcherService service;

    public MatcherHealthIndicator(MatcherService service) {
        this.service = service;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        MatcherHealth health = service.health();
        healthStatus = health.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("state", health.state(), "streamThreads", health.streamThreads());
    }

    @Override
    protected String getName() {
        return "matcher";
    }
}
