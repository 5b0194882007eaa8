package io.chainwatch.standalone;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import io.chainwatch.kafka.ReplicationAudit;
import io.chainwatch.kafka.ReplicationSettings.Replication;
import io.chainwatch.kafka.TopicReport;

/**
 * Raises the topics of an audit that keep fewer copies than configured: new replicas are added to each partition
 * through a partition reassignment (Kafka's Admin API; the current replicas stay, the leader first, the new ones go to
 * the brokers holding the fewest replicas), progress is printed until the new replicas are in sync, and only then is
 * {@code min.insync.replicas} raised — earlier, writes would need replicas that do not exist yet.
 */
final class ReplicationRaiser {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Admin admin;
    private final PrintStream out;

    ReplicationRaiser(Admin admin, PrintStream out) {
        this.admin = admin;
        this.out = out;
    }

    /** Raises every topic below the audit's configured replication; whether all were raised within {@code timeout}. */
    boolean raise(ReplicationAudit audit, Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        List<TopicReport> below = audit.below();
        if (below.isEmpty()) {
            out.println("Every topic already keeps " + audit.wanted() + "; nothing to raise.");
            return true;
        }
        Replication wanted = audit.wanted();
        List<String> names = below.stream().map(TopicReport::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30,
                TimeUnit.SECONDS);
        List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id)
                .sorted().toList();
        Map<TopicPartition, Optional<NewPartitionReassignment>> moves = plan(descriptions.values(), brokers, wanted
                .factor());
        if (!moves.isEmpty()) {
            out.println("Raising " + moves.size() + " partition(s) of " + names.size() + " topic(s) to replication "
                    + wanted.factor() + "…");
            admin.alterPartitionReassignments(moves).all().get(30, TimeUnit.SECONDS);
            if (!awaitReassignment(moves.keySet(), timeout)) {
                out.println("The reassignment has not finished after " + timeout + "; it goes on in the cluster. Run"
                        + " ./chainwatch topics --raise-replication again to follow it and raise the min ISR.");
                return false;
            }
        }
        raiseMinIsr(below, wanted);
        out.println("Done: " + names.size() + " topic(s) now keep " + wanted + ".");
        return true;
    }

    /**
     * The new replica list of each partition with fewer than {@code factor} replicas: its replicas as they are (the
     * leader stays first, so leadership does not move), then the brokers holding the fewest replicas so far. Pure.
     */
    static Map<TopicPartition, Optional<NewPartitionReassignment>> plan(Iterable<TopicDescription> topics,
            List<Integer> brokers, int factor) {
        Map<Integer, Integer> load = new HashMap<>();
        brokers.forEach(b -> load.put(b, 0));
        for (TopicDescription topic : topics) {
            topic.partitions().forEach(p -> p.replicas().forEach(r -> load.merge(r.id(), 1, Integer::sum)));
        }
        Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new HashMap<>();
        for (TopicDescription topic : topics) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                List<Integer> replicas = new ArrayList<>(partition.replicas().stream().map(Node::id).toList());
                if (replicas.size() >= factor) {
                    continue;
                }
                while (replicas.size() < factor) {
                    int next = brokers.stream().filter(b -> !replicas.contains(b)).min(Comparator.comparing(
                            (Integer b) -> load.get(b)).thenComparing(b -> b)).orElseThrow(
                                    () -> new IllegalStateException("fewer brokers than replication " + factor));
                    replicas.add(next);
                    load.merge(next, 1, Integer::sum);
                }
                moves.put(new TopicPartition(topic.name(), partition.partition()), Optional.of(
                        new NewPartitionReassignment(replicas)));
            }
        }
        return moves;
    }

    private boolean awaitReassignment(Set<TopicPartition> partitions, Duration timeout) throws InterruptedException,
            ExecutionException, TimeoutException {
        int total = partitions.size();
        long deadline = System.nanoTime() + timeout.toNanos();
        int reported = -1;
        while (true) {
            int pending = admin.listPartitionReassignments(partitions).reassignments().get(30, TimeUnit.SECONDS).size();
            int done = Math.max(0, total - pending);
            if (done != reported) {
                out.println("  " + done + " of " + total + " partition(s) in sync on their new replicas");
                reported = done;
            }
            if (pending == 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void raiseMinIsr(List<TopicReport> below, Replication wanted) throws InterruptedException,
            ExecutionException, TimeoutException {
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
        for (TopicReport topic : below) {
            if (topic.minIsr() < wanted.minIsr()) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(wanted.minIsr())),
                        AlterConfigOp.OpType.SET)));
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
            out.println("min.insync.replicas set to " + wanted.minIsr() + " on " + changes.size() + " topic(s)");
        }
    }
}
