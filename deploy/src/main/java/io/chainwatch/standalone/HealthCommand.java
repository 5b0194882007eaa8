package io.chainwatch.standalone;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.KafkaSettings;

/**
 * {@code ./chainwatch health}: checks every part chainwatch depends on and prints a table; exit code 0 when every
 * check is OK or WARN, 1 when any FAILs, so compose healthchecks and scripts can use it.
 */
public final class HealthCommand {

    private HealthCommand() {
    }

    public static void main(String[] args) {
        RuntimeEnv env = RuntimeEnv.system();
        Map<String, String> overrides = new HashMap<>();
        if (env.get(KafkaSettings.BOOTSTRAP).isEmpty()) {
            overrides.put(KafkaSettings.BOOTSTRAP, "127.0.0.1:" + env.getInt("CHAINWATCH_KAFKA_PORT",
                    StandaloneSettings.DEFAULT_KAFKA_PORT));
        }
        List<HealthChecks.Row> rows = new HealthChecks(env.with(overrides)).run();
        System.out.print(HealthChecks.table(rows));
        boolean healthy = rows.stream().noneMatch(r -> r.status() == HealthChecks.Status.FAIL);
        System.out.println(healthy ? "chainwatch is healthy" : "chainwatch is NOT healthy");
        System.exit(healthy ? 0 : 1);
    }
}
