package io.chainwatch.bot.app;

import java.time.Clock;

import io.chainwatch.bot.BotService;
import io.chainwatch.bot.BotSettings;
import io.chainwatch.wiring.ServiceWiring;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;

/** Builds and starts the {@link BotService} from the runtime environment. */
@Factory
public class BotFactory {

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "chainwatch.bot.enabled", notEquals = "false")
    BotService botService(ApplicationContext ctx, MeterRegistry meters) {
        return ServiceWiring.start(ctx, env -> new BotService(BotSettings.from(env), meters, Clock.systemUTC()),
                BotService::start);
    }
}
