package io.chainwatch.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.schema.Topic;
import io.chainwatch.schema.Topics;

/**
 * Creates chainwatch's topics with their settings (compaction, retention, message size) when they do not exist yet.
 * Safe to call from every instance of every service at startup: existing topics are left as they are.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** Ensures all of chainwatch's topics exist, with {@code replication} replicas each. */
    public static void ensureAll(KafkaSettings kafka, short replication) {
        ensure(kafka, Topics.ALL, replication);
    }

    public static void ensure(KafkaSettings kafka, Collection<Topic<?, ?>> topics, short replication) {
        try (Admin admin = Admin.create(kafka.common("chainwatch-topic-provisioner"))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.settings().partitions(), replication).configs(topic
                            .settings().configs()));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info("Created topic {}", entry.getKey());
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers()
                    + " to create topics", e);
        }
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
