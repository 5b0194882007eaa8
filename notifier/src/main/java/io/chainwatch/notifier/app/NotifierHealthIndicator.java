package io.chainwatch.notifier.app;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.TopicHealth;
import io.chainwatch.notifier.NotifierService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

/** Reports the notifier's consumer, ledger and queue under {@code /health}. */
@Singleton
@Requires(beans = NotifierService.class)
final class NotifierHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final NotifierService service;
    private final TopicHealth topics;

    NotifierHealthIndicator(NotifierService service, ApplicationContext ctx) {
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
        NotifierService.Health health = service.health();
        healthStatus = health.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", health.live() ? "telegram" : "log-only (no TELEGRAM_BOT_TOKEN)");
        details.put("ledger", health.storeAvailable() ? "available" : "unavailable: sending paused");
        details.put("queued", health.queued());
        details.put("oldestQueuedAgeMillis", health.oldestQueuedAgeMillis());
        details.put("pausedForMillis", health.pausedForMillis());
        details.putAll(topics.details());
        return details;
    }

    @Override
    protected String getName() {
        return "notifier";
    }
}
