package io.chainwatch.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.ReplicationSettings.Replication;
import io.chainwatch.schema.Topics;

/** Reads the replication state of chainwatch's topics from the cluster (metadata only; nothing is changed). */
public final class TopicInspector {

    /** The matcher's Kafka Streams application id, the prefix of its internal topics. */
    public static final String MATCHER_APPLICATION_ID = "MATCHER_APPLICATION_ID";
    /** Kafka Streams names its internal topics {@code <application id>-<store or node>-changelog|-repartition}. */
    public static final String DEFAULT_MATCHER_APPLICATION_ID = "chainwatch-matcher";

    private static final long TIMEOUT_S = 10;

    private TopicInspector() {
    }

    /** The matcher's application id as {@code env} configures it (the matcher's own setting, read where it is not). */
    public static String matcherApplicationId(RuntimeEnv env) {
        return env.get(MATCHER_APPLICATION_ID, DEFAULT_MATCHER_APPLICATION_ID);
    }

    /**
     * Whether {@code topic} is chainwatch's: one of {@link Topics#ALL} (and any other {@code chainwatch.} topic), or
     * an internal topic of the matcher application {@code matcherApplicationId}.
     */
    public static boolean isChainwatchTopic(String topic, String matcherApplicationId) {
        return topic.startsWith(Topics.PREFIX) || topic.startsWith(matcherApplicationId + "-") && (topic.endsWith(
                "-changelog") || topic.endsWith("-repartition"));
    }

    /** Audits chainwatch's topics against the configured replication of {@code kafka}. */
    public static ReplicationAudit audit(Admin admin, ReplicationSettings settings, String matcherApplicationId)
            throws InterruptedException, ExecutionException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS).size();
        return audit(admin, brokers, settings.resolve(brokers), matcherApplicationId);
    }

    static ReplicationAudit audit(Admin admin, int brokers, Replication wanted, String matcherApplicationId)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> names = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).stream().filter(
                t -> isChainwatchTopic(t, matcherApplicationId)).collect(Collectors.toSet());
        return new ReplicationAudit(brokers, wanted, inspect(admin, names));
    }

    /** The state of each of {@code topics}, sorted by name. */
    public static List<TopicReport> inspect(Admin admin, Collection<String> topics) throws InterruptedException,
            ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S,
                TimeUnit.SECONDS);
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<TopicReport> reports = new ArrayList<>();
        for (TopicDescription description : descriptions.values()) {
            List<TopicPartitionInfo> partitions = description.partitions();
            ConfigEntry minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, description.name())).get(
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            reports.add(new TopicReport(description.name(), partitions.size(), partitions.stream().mapToInt(p -> p
                    .replicas().size()).min().orElse(0), minIsr == null ? 1 : Integer.parseInt(minIsr.value()),
                    (int) partitions.stream().filter(p -> p.isr().size() < p.replicas().size()).count(),
                    (int) partitions.stream().filter(p -> p.leader() == null || p.leader().isEmpty()).count()));
        }
        reports.sort(Comparator.comparing(TopicReport::name));
        return reports;
    }
}
