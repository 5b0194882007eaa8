package io.chainwatch.matcher.app;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.TopicHealth;
import io.chainwatch.matcher.MatcherHealth;
import io.chainwatch.matcher.MatcherService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

/**
 * {@code matcher} in {@code /health}: UP while the Kafka Streams are running or rebalancing; the replication of
 * chainwatch's Kafka topics (Streams' internal ones included) alongside.
 */
@Singleton
@Requires(beans = MatcherService.class)
public class MatcherHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final MatcherService service;
    private final TopicHealth topics;

    public MatcherHealthIndicator(MatcherService service, ApplicationContext ctx) {
        this.service = service;
        this.topics = TopicHealth.from(ctx.findBean(RuntimeEnv.class).orElseGet(RuntimeEnv::system), Clock
                .systemUTC());
    }

    @PreDestroy
    void close() {
        topics.close();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        MatcherHealth health = service.health();
        healthStatus = health.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", health.state());
        details.put("streamThreads", health.streamThreads());
        details.putAll(topics.details());
        return details;
    }

    @Override
    protected String getName() {
        return "matcher";
    }
}
