package io.chainwatch.bot.app;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.chainwatch.bot.BotService;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.TopicHealth;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

/** {@code bot} in {@code /health}: database reachable (through the outbox relay), long polling running. */
@Singleton
public class BotHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final BeanProvider<BotService> service;
    private final TopicHealth topics;

    public BotHealthIndicator(BeanProvider<BotService> service, ApplicationContext ctx) {
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
        Optional<BotService> bot = service.isPresent() ? Optional.of(service.get()) : Optional.empty();
        Map<String, Object> details = new LinkedHashMap<>();
        if (bot.isEmpty()) {
            healthStatus = HealthStatus.UP;
            details.put("state", "disabled");
            return details;
        }
        BotService.Health health = bot.get().health();
        healthStatus = health.isHealthy() ? HealthStatus.UP : HealthStatus.DOWN;
        details.put("state", health.state().name());
        details.put("database", health.database());
        details.put("telegramReceiving", health.telegramReceiving());
        details.put("telegramMode", health.telegramMode());
        details.put("outboxPublished", health.outboxPublished());
        details.putAll(topics.details());
        return details;
    }

    @Override
    protected String getName() {
        return "bot";
    }
}
