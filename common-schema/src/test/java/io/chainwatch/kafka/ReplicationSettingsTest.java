package io.chainwatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.ReplicationSettings.Replication;

/** Issue #13: every topic replicated as configured, sized to the cluster by default. */
class ReplicationSettingsTest {

    @ParameterizedTest(name = "{0} broker(s) → replication {1}, min ISR {2}")
    @CsvSource({"1, 1, 1", "2, 2, 1", "3, 3, 2", "5, 3, 2"})
    void shouldDefaultToThreeCopiesOrTheClusterSizeWhenNothingIsConfigured(int brokers, short factor, int minIsr) {
        assertThat(ReplicationSettings.DEFAULTS.resolve(brokers)).isEqualTo(new Replication(factor, minIsr));
    }

    @Test
    void shouldDeriveMinIsrFromAConfiguredReplication() {
        ReplicationSettings settings = ReplicationSettings.from(RuntimeEnv.of(Map.of(ReplicationSettings.REPLICATION,
                "5")));

        assertThat(settings.resolve(7)).isEqualTo(new Replication((short) 5, 4));
    }

    @Test
    void shouldTakeBothWhenBothAreConfigured() {
        ReplicationSettings settings = ReplicationSettings.from(RuntimeEnv.of(Map.of(ReplicationSettings.REPLICATION,
                "3", ReplicationSettings.MIN_ISR, "3")));

        assertThat(settings.resolve(3)).isEqualTo(new Replication((short) 3, 3));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"CHAINWATCH_TOPIC_REPLICATION, 0", "CHAINWATCH_TOPIC_REPLICATION, three",
            "CHAINWATCH_TOPIC_REPLICATION, 40000", "CHAINWATCH_TOPIC_MIN_ISR, 0", "CHAINWATCH_TOPIC_MIN_ISR, -1"})
    void shouldNameTheVariableWhenAValueIsInvalid(String variable, String value) {
        assertThatThrownBy(() -> ReplicationSettings.from(RuntimeEnv.of(Map.of(variable, value)))).isInstanceOf(
                ConfigException.class).hasMessageContaining(variable);
    }

    @Test
    void shouldRefuseAMinIsrAboveTheReplicationWhenBothAreConfigured() {
        assertThatThrownBy(() -> ReplicationSettings.from(RuntimeEnv.of(Map.of(ReplicationSettings.REPLICATION, "2",
                ReplicationSettings.MIN_ISR, "3")))).isInstanceOf(ConfigException.class).hasMessageContaining(
                        "CHAINWATCH_TOPIC_MIN_ISR (3) must not exceed CHAINWATCH_TOPIC_REPLICATION (2)");
    }

    @Test
    void shouldRefuseMoreReplicasThanBrokersWhenResolving() {
        ReplicationSettings settings = ReplicationSettings.from(RuntimeEnv.of(Map.of(ReplicationSettings.REPLICATION,
                "3")));

        assertThatThrownBy(() -> settings.resolve(1)).isInstanceOf(ConfigException.class).hasMessageContaining(
                "CHAINWATCH_TOPIC_REPLICATION is 3 but the Kafka cluster has 1 broker(s)");
    }

    @Test
    void shouldRefuseAConfiguredMinIsrAboveTheDefaultedReplicationOfASmallCluster() {
        ReplicationSettings settings = ReplicationSettings.from(RuntimeEnv.of(Map.of(ReplicationSettings.MIN_ISR,
                "2")));

        assertThatThrownBy(() -> settings.resolve(1)).isInstanceOf(ConfigException.class).hasMessageContaining(
                "CHAINWATCH_TOPIC_MIN_ISR is 2 but the replication is 1");
    }

    @Test
    void shouldReportATopicBelowTheWantedReplicationOrMinIsr() {
        Replication wanted = new Replication((short) 3, 2);

        assertThat(new TopicReport("chainwatch.blocks", 6, 1, 1, 0, 0).isBelow(wanted)).isTrue();
        assertThat(new TopicReport("chainwatch.blocks", 6, 3, 1, 0, 0).isBelow(wanted)).isTrue();
        assertThat(new TopicReport("chainwatch.blocks", 6, 3, 2, 0, 0).isBelow(wanted)).isFalse();
    }

    @Test
    void shouldSummariseWhatNeedsAnOperatorWhenAuditing() {
        ReplicationAudit audit = new ReplicationAudit(3, new Replication((short) 3, 2), java.util.List.of(
                new TopicReport("chainwatch.alerts", 12, 3, 2, 2, 0), new TopicReport("chainwatch.blocks", 6, 1, 1, 0,
                        1)));

        assertThat(audit.needsAttention()).isTrue();
        assertThat(audit.summary()).isEqualTo("3 broker(s), 2 topic(s), configured replication 3, min ISR 2; below it: "
                + "chainwatch.blocks (replication 1, min ISR 1) — raise with ./chainwatch topics --raise-replication; "
                + "2 under-replicated partition(s); 1 OFFLINE partition(s)");
    }

    @Test
    void shouldTellStreamsInternalTopicsOfTheMatcherFromOthers() {
        assertThat(TopicInspector.isChainwatchTopic("chainwatch.blocks", "chainwatch-matcher")).isTrue();
        assertThat(TopicInspector.isChainwatchTopic("chainwatch-matcher-sent-changelog", "chainwatch-matcher"))
                .isTrue();
        assertThat(TopicInspector.isChainwatchTopic("chainwatch-matcher-matched-blocks-repartition",
                "chainwatch-matcher")).isTrue();
        assertThat(TopicInspector.isChainwatchTopic("other-app-store-changelog", "chainwatch-matcher")).isFalse();
        assertThat(TopicInspector.isChainwatchTopic("__consumer_offsets", "chainwatch-matcher")).isFalse();
    }
}
