package io.chainwatch.notifier.app;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.chainwatch.notifier.NotifierService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

/** Reports the notifier's consumer, ledger and queue under {@code /health}. */
@Singleton
@Requires(beans = NotifierService.class)
final class NotifierHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final NotifierService service;

    NotifierHealthIndicator(NotifierService service) {
        this.service = service;
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
        return details;
    }

    @Override
    protected String getName() {
        return "notifier";
    }
}
