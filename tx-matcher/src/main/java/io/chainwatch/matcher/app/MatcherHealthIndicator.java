package io.chainwatch.matcher.app;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.chainwatch.matcher.MatcherHealth;
import io.chainwatch.matcher.MatcherService;
import io.chainwatch.wiring.ServiceHealth;
import io.chainwatch.wiring.ServiceHealthIndicator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;

/**
 * {@code matcher} in {@code /health}: UP while the Kafka Streams are running or rebalancing; the replication of
 * chainwatch's Kafka topics (Streams' internal ones included) alongside.
 */
@Singleton
@Requires(beans = MatcherService.class)
public class MatcherHealthIndicator extends ServiceHealthIndicator<MatcherService> {

    public MatcherHealthIndicator(BeanProvider<MatcherService> service, ApplicationContext ctx) {
        super("matcher", service, ctx, MatcherHealthIndicator::report);
    }

    private static ServiceHealth report(MatcherService matcher) {
        MatcherHealth health = matcher.health();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", health.state());
        details.put("streamThreads", health.streamThreads());
        return new ServiceHealth(health.healthy(), details);
    }
}
