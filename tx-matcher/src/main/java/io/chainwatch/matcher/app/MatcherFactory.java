package io.chainwatch.matcher.app;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.matcher.MatcherService;
import io.chainwatch.matcher.MatcherSettings;
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
        RuntimeEnv env = ctx.findBean(RuntimeEnv.class).orElseGet(RuntimeEnv::system);
        MatcherService service = new MatcherService(MatcherSettings.from(env), registry);
        service.start();
        return service;
    }
}
