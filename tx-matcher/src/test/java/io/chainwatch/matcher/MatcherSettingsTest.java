package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.ReplicationSettings.Replication;
import io.chainwatch.schema.Topics;

class MatcherSettingsTest {

    @Test
    void shouldUseDefaultsWhenNothingIsSet() {
        MatcherSettings settings = MatcherSettings.from(RuntimeEnv.of(Map.of()));

        assertThat(settings.applicationId()).isEqualTo("chainwatch-matcher");
        assertThat(settings.stateDir()).isEqualTo(Path.of("./data", "streams"));
        assertThat(settings.standbyReplicas()).isZero();
        assertThat(settings.rocksDbMemoryBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.rules().dedupTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.rules().lateAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.rules().suppressLate()).isFalse();
        assertThat(settings.rules().reorgWindow()).isEqualTo(128);
        assertThat(settings.rules().progressDepths()).containsExactly(3, 6, 12);
        assertThat(settings.rules().defaultConfirmations()).containsOnlyKeys("ethereum", "bsc");
    }

    @Test
    void shouldReadEveryVariableWhenSet() {
        MatcherSettings settings = MatcherSettings.from(RuntimeEnv.of(Map.ofEntries(
                Map.entry("CHAINWATCH_CHAINS", "devnet,polygon"),
                Map.entry("CHAINWATCH_CONFIRMATIONS_POLYGON", "12"),
                Map.entry("CHAINWATCH_DATA_DIR", "/var/chainwatch"),
                Map.entry("MATCHER_STANDBY_REPLICAS", "1"),
                Map.entry("MATCHER_STREAM_THREADS", "2"),
                Map.entry("MATCHER_ROCKSDB_MEMORY_MB", "128"),
                Map.entry("MATCHER_COMMIT_INTERVAL", "250ms"),
                Map.entry("MATCHER_DEDUP_TTL", "3d"),
                Map.entry("MATCHER_LATE_AFTER", "5m"),
                Map.entry("MATCHER_SUPPRESS_LATE", "true"),
                Map.entry("MATCHER_REORG_WINDOW", "64"),
                Map.entry("MATCHER_PROGRESS_DEPTHS", "2, 10, 64"))));

        assertThat(settings.rules().confirmationsFor("polygon")).isEqualTo(12);
        assertThat(settings.rules().confirmationsFor("devnet")).isZero();
        assertThat(settings.stateDir()).isEqualTo(Path.of("/var/chainwatch", "streams"));
        assertThat(settings.standbyReplicas()).isEqualTo(1);
        assertThat(settings.streamThreads()).isEqualTo(2);
        assertThat(settings.rocksDbMemoryBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.rules().dedupTtl()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.rules().lateAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.rules().suppressLate()).isTrue();
        assertThat(settings.rules().reorgWindow()).isEqualTo(64);
        assertThat(settings.rules().progressDepths()).containsExactly(2, 10, 64);
    }

    @ParameterizedTest(name = "window {0}, depths {1}")
    @CsvSource(delimiter = '|', value = {"128 | none | ''", "128 | off | ''", "8 | | 3,6", "2 | | ''"})
    void shouldTurnProgressOffOrFitItIntoTheReorgWindow(String window, String depths, String expected) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MATCHER_REORG_WINDOW", window));
        if (depths != null) {
            env.put("MATCHER_PROGRESS_DEPTHS", depths);
        }
        assertThat(MatcherSettings.from(RuntimeEnv.of(env)).rules().progressDepths()).map(String::valueOf)
                .containsExactlyElementsOf(expected.isEmpty()
                        ? java.util.List.of()
                        : java.util.List.of(expected
                                .split(",")));
    }

    @Test
    void shouldPreferMatcherStateDirWhenBothAreSet() {
        MatcherSettings settings = MatcherSettings.from(RuntimeEnv.of(Map.of("CHAINWATCH_DATA_DIR", "/a",
                "MATCHER_STATE_DIR", "/b/state")));

        assertThat(settings.stateDir()).isEqualTo(Path.of("/b/state"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"MATCHER_STANDBY_REPLICAS, -1", "MATCHER_STREAM_THREADS, 0", "MATCHER_DEDUP_TTL, soon",
            "MATCHER_DEDUP_TTL, 0s", "MATCHER_LATE_AFTER, -5m", "MATCHER_SUPPRESS_LATE, maybe",
            "MATCHER_REORG_WINDOW, 0", "MATCHER_ROCKSDB_MEMORY_MB, 1", "MATCHER_PROGRESS_DEPTHS, 1",
            "MATCHER_PROGRESS_DEPTHS, '6,3'", "MATCHER_PROGRESS_DEPTHS, 500", "MATCHER_PROGRESS_DEPTHS, many",
            "MATCHER_COMMIT_INTERVAL, 0ms", "MATCHER_COMMIT_INTERVAL, often",
            "CHAINWATCH_CONFIRMATIONS_ETHEREUM, -2"})
    void shouldNameTheVariableWhenValueIsInvalid(String variable, String value) {
        assertThatThrownBy(() -> MatcherSettings.from(RuntimeEnv.of(Map.of(variable, value))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(variable);
    }

    @Test
    void shouldConfigureExactlyOnceAndBoundedRocksDbWhenBuildingStreamsProperties() {
        MatcherSettings settings = MatcherSettings.from(RuntimeEnv.of(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                "broker:9092", "MATCHER_STANDBY_REPLICAS", "1")));

        Properties props = MatcherService.properties(settings, new Replication((short) 3, 2));

        assertThat(props).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "chainwatch-matcher")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDb.class)
                .containsEntry(BoundedMemoryRocksDb.MEMORY_BYTES_CONFIG, 32L * 1024 * 1024)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20L)
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L)
                .containsEntry("global.consumer.fetch.max.bytes", 4 * 1024 * 1024)
                .containsEntry("restore.consumer.max.partition.fetch.bytes", 4 * 1024 * 1024)
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
                .containsEntry(StreamsConfig.topicPrefix("max.message.bytes"), Topics.MAX_BLOCK_MESSAGE_BYTES);
        new StreamsConfig(props); // Kafka Streams accepts it
    }

    /** Issue #13: changelogs and the matched-blocks topic were created with the broker's default replication (1). */
    @Test
    void shouldReplicateStreamsInternalTopicsAsConfiguredWhenBuildingStreamsProperties() {
        MatcherSettings settings = MatcherSettings.from(RuntimeEnv.of(Map.of()));

        Properties props = MatcherService.properties(settings, new Replication((short) 3, 2));

        assertThat(props).containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.topicPrefix("min.insync.replicas"), 2);
        assertThat(new StreamsConfig(props).getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
    }
}
