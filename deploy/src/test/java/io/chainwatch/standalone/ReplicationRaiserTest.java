package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/** Issue #13: how {@code ./chainwatch topics --raise-replication} places the new replicas. */
class ReplicationRaiserTest {

    static Node node(int id) {
        return new Node(id, "127.0.0.1", 9000 + id);
    }

    static TopicDescription topic(String name, int... leaders) {
        return new TopicDescription(name, false,
                IntStream.range(0, leaders.length).mapToObj(p -> new TopicPartitionInfo(
                        p, node(leaders[p]), List.of(node(leaders[p])), List.of(node(leaders[p])))).toList());
    }

    @Test
    void shouldKeepTheLeaderFirstAndSpreadNewReplicasOverTheLeastLoadedBrokers() {
        Map<TopicPartition, Optional<NewPartitionReassignment>> plan = ReplicationRaiser.plan(List.of(topic("t", 1, 2,
                3, 1)), List.of(1, 2, 3), 3);

        assertThat(plan).hasSize(4);
        plan.forEach((partition, move) -> assertThat(move.orElseThrow().targetReplicas()).hasSize(3)
                .doesNotHaveDuplicates().containsExactlyInAnyOrder(1, 2, 3));
        assertThat(plan.get(new TopicPartition("t", 1)).orElseThrow().targetReplicas().get(0)).isEqualTo(2);
    }

    @Test
    void shouldBalanceNewReplicasWhenTheClusterIsLargerThanTheReplication() {
        Map<TopicPartition, Optional<NewPartitionReassignment>> plan = ReplicationRaiser.plan(List.of(topic("t", 1, 1,
                1, 1, 1, 1)), List.of(1, 2, 3, 4, 5), 2);

        long onEach = plan.values().stream().flatMap(m -> m.orElseThrow().targetReplicas().stream()).filter(b -> b != 1)
                .count();
        assertThat(onEach).isEqualTo(6);
        assertThat(plan.values().stream().map(m -> m.orElseThrow().targetReplicas().get(1)).distinct().count())
                .isEqualTo(4); // spread over brokers 2..5, not piled on one
    }

    @Test
    void shouldLeaveAPartitionAloneWhenItHasTheReplicasAlready() {
        TopicDescription full = new TopicDescription("t", false, List.of(new TopicPartitionInfo(0, node(1), List.of(
                node(1), node(2), node(3)), List.of(node(1), node(2), node(3)))));

        assertThat(ReplicationRaiser.plan(List.of(full), List.of(1, 2, 3), 3)).isEmpty();
    }
}
