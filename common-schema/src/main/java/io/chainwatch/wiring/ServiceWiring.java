package io.chainwatch.wiring;

import java.util.function.Consumer;
import java.util.function.Function;

import io.chainwatch.config.RuntimeEnv;
import io.micronaut.context.ApplicationContext;

/** Builds a service from the runtime environment and starts it: what each service's {@code @Factory} does. */
public final class ServiceWiring {

    private ServiceWiring() {
    }

    /**
     * The runtime environment of this context: the one the standalone launcher and the tests register as a
     * singleton, or the process's own environment.
     */
    public static RuntimeEnv env(ApplicationContext ctx) {
        return ctx.findBean(RuntimeEnv.class).orElseGet(RuntimeEnv::system);
    }

    /**
     * Builds the service from the environment (its settings are validated there, so a bad one stops the startup
     * with the variable's name) and starts it; Micronaut closes it on shutdown.
     */
    public static <S> S start(ApplicationContext ctx, Function<RuntimeEnv, S> build, Consumer<S> start) {
        S service = build.apply(env(ctx));
        start.accept(service);
        return service;
    }
}
