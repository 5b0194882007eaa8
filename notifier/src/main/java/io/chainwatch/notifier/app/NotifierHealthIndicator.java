package io.chainwatch.notifier.app;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.chainwatch.notifier.NotifierService;
import io.chainwatch.wiring.ServiceHealth;
import io.chainwatch.wiring.ServiceHealthIndicator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;

/** Reports the notifier's consumer, ledger and queue under {@code /health}. */
@Singleton
@Requires(beans = NotifierService.class)
final class NotifierHealthIndicator extends ServiceHealthIndicator<NotifierService> {

    NotifierHealthIndicator(BeanProvider<NotifierService> service, ApplicationContext ctx) {
        super("notifier", service, ctx, NotifierHealthIndicator::report);
    }

    private static ServiceHealth report(NotifierService notifier) {
        NotifierService.Health health = notifier.health();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", health.live() ? "telegram" : "log-only (no TELEGRAM_BOT_TOKEN)");
        details.put("ledger", health.storeAvailable() ? "available" : "unavailable: sending paused");
        details.put("queued", health.queued());
        details.put("oldestQueuedAgeMillis", health.oldestQueuedAgeMillis());
        details.put("pausedForMillis", health.pausedForMillis());
        if (!health.failingPriceFeeds().isEmpty()) {
            // degraded, not down: those assets go out without a dollar value until the feed answers again
            details.put("failingPriceFeeds", health.failingPriceFeeds());
        }
        return new ServiceHealth(health.healthy(), details);
    }
}
