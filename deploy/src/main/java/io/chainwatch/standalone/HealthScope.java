package io.chainwatch.standalone;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which checks {@code ./chainwatch health} runs. A container's healthcheck asks only about what that service needs
 * ({@code --service tx-matcher}), so a dead RPC node marks the ingestor unhealthy but not the matcher, and a missing
 * Redis the notifier but not the bot; {@code --only rpc,kafka} picks checks by name; no option runs them all.
 */
enum HealthScope {
    /** The service's own {@code /health} on this host ({@code SERVICE_PORT}, else its default port). */
    SERVICE("service"), RPC("rpc"), KAFKA("kafka"), TOPICS("topics"), MATCHER_LAG("matcher-lag"), NOTIFIER_LAG(
            "notifier-lag"), INGEST_LAG("ingest"), POSTGRES("postgres"), REDIS("redis"), TELEGRAM("telegram");

    /** Each service's default HTTP port, as in its {@code application-*.yml}. */
    static final Map<String, Integer> SERVICE_PORTS = Map.of("block-ingestor", 8081, "tx-matcher", 8082, "notifier",
            8083, "bot-frontend", 8084);

    private final String checkName;

    HealthScope(String checkName) {
        this.checkName = checkName;
    }

    String checkName() {
        return checkName;
    }

    boolean needsKafka() {
        return this == KAFKA || this == TOPICS || this == MATCHER_LAG || this == NOTIFIER_LAG || this == INGEST_LAG;
    }

    /** Every check: a whole installation, or the standalone process. */
    static Set<HealthScope> all() {
        return EnumSet.complementOf(EnumSet.of(SERVICE));
    }

    /** What one service depends on, by module name ({@code tx-matcher}) or short name ({@code matcher}). */
    static Set<HealthScope> forService(String service) {
        return switch (moduleName(service)) {
            case "block-ingestor" -> EnumSet.of(SERVICE, RPC, KAFKA, TOPICS, INGEST_LAG);
            case "tx-matcher" -> EnumSet.of(SERVICE, KAFKA, TOPICS, MATCHER_LAG);
            case "notifier" -> EnumSet.of(SERVICE, KAFKA, TOPICS, NOTIFIER_LAG, REDIS, TELEGRAM);
            case "bot-frontend" -> EnumSet.of(SERVICE, KAFKA, TOPICS, POSTGRES, TELEGRAM);
            default -> throw new IllegalArgumentException("unknown service '" + service
                    + "': one of block-ingestor, tx-matcher, notifier, bot-frontend");
        };
    }

    /** The module name of a service given by either name. */
    static String moduleName(String service) {
        return switch (service.toLowerCase(Locale.ROOT)) {
            case "block-ingestor", "ingestor" -> "block-ingestor";
            case "tx-matcher", "matcher" -> "tx-matcher";
            case "notifier" -> "notifier";
            case "bot-frontend", "bot" -> "bot-frontend";
            default -> service;
        };
    }

    /** Checks by name, comma separated ({@code rpc,kafka,topics}). */
    static Set<HealthScope> only(String names) {
        Set<HealthScope> scope = EnumSet.noneOf(HealthScope.class);
        for (String name : names.split(",")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            scope.add(Arrays.stream(values()).filter(s -> s.checkName.equals(wanted)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("unknown check '" + name.strip() + "': one of " + Arrays
                            .stream(values()).map(HealthScope::checkName).collect(Collectors.joining(", ")))));
        }
        return scope;
    }
}
