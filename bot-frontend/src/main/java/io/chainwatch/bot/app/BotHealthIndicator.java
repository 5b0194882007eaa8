package io.chainwatch.bot.app;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.chainwatch.bot.BotService;
import io.chainwatch.wiring.ServiceHealth;
import io.chainwatch.wiring.ServiceHealthIndicator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;

/** {@code bot} in {@code /health}: database reachable (through the outbox relay), long polling running. */
@Singleton
public class BotHealthIndicator extends ServiceHealthIndicator<BotService> {

    public BotHealthIndicator(BeanProvider<BotService> service, ApplicationContext ctx) {
        super("bot", service, ctx, BotHealthIndicator::report);
    }

    private static ServiceHealth report(BotService bot) {
        BotService.Health health = bot.health();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", health.state().name());
        details.put("database", health.database());
        details.put("telegramReceiving", health.telegramReceiving());
        details.put("telegramMode", health.telegramMode());
        details.put("outboxPublished", health.outboxPublished());
        return new ServiceHealth(health.isHealthy(), details);
    }
}
