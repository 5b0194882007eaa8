package io.chainwatch.matcher.app;

import io.chainwatch.matcher.MatcherService;
import io.chainwatch.matcher.MatcherSettings;
import io.chainwatch.wiring.ServiceWiring;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;

/** Builds and starts the {@link MatcherService} at startup; Micronaut closes it on shutdown. */
@Factory
public class MatcherFactory {

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "chainwatch.matcher.enabled", notEquals = "false")
    MatcherService matcherService(ApplicationContext ctx, MeterRegistry registry) {
        return ServiceWiring.start(ctx, env -> new MatcherService(MatcherSettings.from(env), registry),
                MatcherService::start);
    }
}
