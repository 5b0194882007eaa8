package io.chainwatch.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

import io.chainwatch.config.RuntimeEnv;

/**
 * The replication row of a service's {@code /health}: chainwatch's topics audited against the configured replication
 * ({@link ReplicationAudit}), at most once per {@link #REFRESH}, so that a health probe every few seconds costs the
 * cluster nothing. Reports, never changes. Thread-safe; {@link #close()} closes its admin client.
 */
public final class TopicHealth implements AutoCloseable {

    /** How long an audit is shown before the next probe asks the cluster again. */
    public static final Duration REFRESH = Duration.ofSeconds(30);
    private static final int API_TIMEOUT_MS = 5_000;

    private final KafkaSettings kafka;
    private final String matcherApplicationId;
    private final Clock clock;
    private Admin admin;
    private Map<String, String> last = Map.of();
    private Instant lastAt = Instant.MIN;

    /** The topic health of the chainwatch configured by {@code env} (the matcher's application id included). */
    public static TopicHealth from(RuntimeEnv env, Clock clock) {
        return new TopicHealth(KafkaSettings.from(env), TopicInspector.matcherApplicationId(env), clock);
    }

    public TopicHealth(KafkaSettings kafka, String matcherApplicationId, Clock clock) {
        this.kafka = kafka;
        this.matcherApplicationId = matcherApplicationId;
        this.clock = clock;
    }

    /**
     * {@code kafkaTopics}: OK, WARN (a topic below the configured replication, or partitions under-replicated) or
     * FAIL (offline partitions, or Kafka not answering); {@code kafkaReplication}: the audit's one-line summary.
     */
    public synchronized Map<String, String> details() {
        Instant now = clock.instant();
        if (lastAt.plus(REFRESH).isAfter(now)) {
            return last;
        }
        Map<String, String> details = new LinkedHashMap<>();
        try {
            ReplicationAudit audit = TopicInspector.audit(admin(), kafka.replication(), matcherApplicationId);
            details.put("kafkaTopics", audit.offlinePartitions() > 0 ? "FAIL" : audit.needsAttention() ? "WARN" : "OK");
            details.put("kafkaReplication", audit.summary());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last;
        } catch (Exception e) {
            details.put("kafkaTopics", "FAIL");
            details.put("kafkaReplication", "cannot audit topics at " + kafka.bootstrapServers() + ": " + e
                    .getClass().getSimpleName());
        }
        last = Map.copyOf(details);
        lastAt = now;
        return details;
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> props = kafka.common("chainwatch-topic-health");
            props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
            props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
            admin = Admin.create(props);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
