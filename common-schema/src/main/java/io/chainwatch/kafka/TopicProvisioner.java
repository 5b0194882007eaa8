package io.chainwatch.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.kafka.ReplicationSettings.Replication;
import io.chainwatch.schema.Topic;
import io.chainwatch.schema.Topics;

/**
 * Creates chainwatch's topics with their settings (compaction, retention, message size) and the configured
 * replication ({@link ReplicationSettings}: replicas and {@code min.insync.replicas}) when they do not exist yet, and
 * audits the ones that do. Safe to call from every instance of every service at startup: an existing topic is never
 * changed, only reported (one WARN line) when it keeps fewer copies than configured — raising it moves data between
 * brokers, which is an operator's decision ({@code ./chainwatch topics --raise-replication}).
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * Ensures all of chainwatch's topics exist with the replication of {@code kafka}, sized to the cluster.
     *
     * @return the audit of every chainwatch topic after creation, the replication it was held against included
     * @throws io.chainwatch.config.ConfigException when the configured replication does not fit the cluster
     */
    public static ReplicationAudit ensureAll(KafkaSettings kafka) {
        return ensure(kafka, Topics.ALL, TopicInspector.DEFAULT_MATCHER_APPLICATION_ID);
    }

    /** As {@link #ensureAll(KafkaSettings)}, auditing the internal topics of {@code matcherApplicationId} too. */
    public static ReplicationAudit ensure(KafkaSettings kafka, Collection<Topic<?, ?>> topics,
            String matcherApplicationId) {
        try (Admin admin = Admin.create(kafka.common("chainwatch-topic-provisioner"))) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            Replication replication = kafka.replication().resolve(brokers);
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic, replication));
                }
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info("Created topic {} ({})", entry.getKey(), replication);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + " with "
                                + replication, e.getCause());
                    }
                }
            }
            awaitLeaders(admin, created);
            ReplicationAudit audit = TopicInspector.audit(admin, brokers, replication, matcherApplicationId);
            if (!audit.below().isEmpty()) {
                LOG.warn("Kafka topics below the configured replication, left as they are: {}", audit.summary());
            }
            return audit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers()
                    + " to create topics", e);
        }
    }

    /** {@code topic} as Kafka creates it: its own settings, and the copies {@code replication} asks for. */
    static NewTopic newTopic(Topic<?, ?> topic, Replication replication) {
        Map<String, String> configs = new HashMap<>(topic.settings().configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replication.minIsr()));
        return new NewTopic(topic.name(), topic.settings().partitions(), replication.factor()).configs(configs);
    }

    /**
     * Waits until every partition of the topics just created has a leader. A producer that writes to a topic the
     * moment it is created is otherwise answered NOT_LEADER_OR_FOLLOWER, and an idempotent producer with several
     * batches in flight can then loop on OUT_OF_ORDER_SEQUENCE_NUMBER (seen loading a million records at once).
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException,
            ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!topics.isEmpty()) {
            boolean led;
            try {
                led = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p
                                .leader().isEmpty()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                led = false; // the broker does not know the new topic yet (UNKNOWN_TOPIC_OR_PARTITION)
            }
            if (led) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " still have no leader after 30 s");
            }
            Thread.sleep(50);
        }
    }
}
