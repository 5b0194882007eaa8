package io.chainwatch.ingestor.app;

import java.time.Clock;

import io.chainwatch.ingestor.IngestorService;
import io.chainwatch.ingestor.IngestorSettings;
import io.chainwatch.wiring.ServiceWiring;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;

/** Builds and starts the {@link IngestorService} from the runtime contract. */
@Factory
final class IngestorFactory {

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "chainwatch.ingestor.enabled", notEquals = "false")
    IngestorService ingestorService(ApplicationContext ctx, MeterRegistry metrics) {
        return ServiceWiring.start(ctx, env -> new IngestorService(IngestorSettings.from(env), metrics, Clock
                .systemUTC()), IngestorService::start);
    }
}
