package io.chainwatch.wiring;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;

import io.chainwatch.kafka.TopicHealth;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

/**
 * A service under {@code /health}: UP or DOWN as the service says, its details, and the replication of chainwatch's
 * Kafka topics alongside. A service switched off by configuration ({@code chainwatch.<service>.enabled=false})
 * is reported UP with {@code state: disabled}, so that a process running only some of the stages stays healthy.
 *
 * @param <S> the service
 */
public abstract class ServiceHealthIndicator<S> extends AbstractHealthIndicator<Map<String, Object>> {

    private final String name;
    private final BeanProvider<S> service;
    private final Function<S, ServiceHealth> health;
    private final TopicHealth topics;

    protected ServiceHealthIndicator(String name, BeanProvider<S> service, ApplicationContext ctx,
            Function<S, ServiceHealth> health) {
        this.name = name;
        this.service = service;
        this.health = health;
        this.topics = TopicHealth.from(ServiceWiring.env(ctx), Clock.systemUTC());
    }

    @PreDestroy
    public void close() {
        topics.close();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!service.isPresent()) {
            healthStatus = HealthStatus.UP;
            details.put("state", "disabled");
            return details;
        }
        ServiceHealth report = health.apply(service.get());
        healthStatus = report.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
        details.putAll(report.details());
        details.putAll(topics.details());
        return details;
    }

    @Override
    protected String getName() {
        return name;
    }
}
