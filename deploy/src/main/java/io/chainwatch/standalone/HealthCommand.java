package io.chainwatch.standalone;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.KafkaSettings;

/**
 * {@code ./chainwatch health [--service S | --only a,b]}: checks what chainwatch (or one service, see
 * {@link HealthScope}) depends on and prints a table; exit code 0 when every check is OK or WARN, 1 when any FAILs,
 * 2 on a usage error, so compose healthchecks and scripts can use it.
 */
public final class HealthCommand {

    private HealthCommand() {
    }

    public static void main(String[] args) {
        RuntimeEnv env = RuntimeEnv.system();
        Set<HealthScope> scope = HealthScope.all();
        Optional<URI> serviceHealth = Optional.empty();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--service" -> {
                        String service = value(args, ++i);
                        scope = HealthScope.forService(service);
                        int port = env.getInt("SERVICE_PORT", HealthScope.SERVICE_PORTS.get(HealthScope.moduleName(
                                service)));
                        serviceHealth = Optional.of(URI.create("http://127.0.0.1:" + port + "/health"));
                    }
                    case "--only" -> scope = HealthScope.only(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("chainwatch health: " + e.getMessage());
            System.err.println("usage: ./chainwatch health [--service block-ingestor|tx-matcher|notifier|bot-frontend]"
                    + " [--only rpc,kafka,topics,matcher-lag,notifier-lag,ingest,postgres,redis,telegram]");
            System.exit(2);
        }
        Map<String, String> overrides = new HashMap<>();
        if (env.get(KafkaSettings.BOOTSTRAP).isEmpty()) {
            overrides.put(KafkaSettings.BOOTSTRAP, "127.0.0.1:" + env.getInt("CHAINWATCH_KAFKA_PORT",
                    StandaloneSettings.DEFAULT_KAFKA_PORT));
        }
        List<HealthChecks.Row> rows = new HealthChecks(env.with(overrides)).run(scope, serviceHealth);
        System.out.print(HealthChecks.table(rows));
        boolean healthy = rows.stream().noneMatch(r -> r.status() == HealthChecks.Status.FAIL);
        System.out.println(healthy ? "chainwatch is healthy" : "chainwatch is NOT healthy");
        System.exit(healthy ? 0 : 1);
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
