package io.chainwatch.notifier.app;

import java.time.Clock;

import io.chainwatch.notifier.NotifierService;
import io.chainwatch.notifier.NotifierSettings;
import io.chainwatch.wiring.ServiceWiring;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;

/** Builds and starts the {@link NotifierService} from the runtime contract. */
@Factory
final class NotifierFactory {

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "chainwatch.notifier.enabled", notEquals = "false")
    NotifierService notifierService(ApplicationContext ctx, MeterRegistry metrics) {
        return ServiceWiring.start(ctx, env -> new NotifierService(NotifierSettings.from(env), metrics, Clock
                .systemUTC()), NotifierService::start);
    }
}
