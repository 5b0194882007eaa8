package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

class IngestorSettingsTest {

    private static IngestorSettings settings(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("CHAINWATCH_CHAINS", "ethereum,devnet"));
        env.putAll(extra);
        return IngestorSettings.from(RuntimeEnv.of(env));
    }

    @Test
    void shouldDefaultTheResyncDepthAndAStallTimeoutOfThirtyPollsButAtLeastAMinute() {
        IngestorSettings settings = settings(Map.of());
        assertThat(settings.maxResyncDepth()).isEqualTo(IngestorSettings.DEFAULT_MAX_RESYNC_DEPTH);
        assertThat(settings.wsStallTimeout(settings.chains().get(1))).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings(Map.of("CHAINWATCH_POLL_INTERVAL", "5s")).wsStallTimeout(settings.chains().get(0)))
                .isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void shouldTakeTheStallTimeoutAndResyncDepthFromTheEnvironment() {
        IngestorSettings settings = settings(Map.of("CHAINWATCH_WS_STALL_TIMEOUT", "3s",
                "CHAINWATCH_INGEST_MAX_RESYNC_DEPTH", "16"));
        assertThat(settings.wsStallTimeout(settings.chains().get(0))).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.maxResyncDepth()).isEqualTo(16);
    }

    @Test
    void shouldRefuseANegativeResyncDepthAtStartup() {
        assertThatThrownBy(() -> settings(Map.of("CHAINWATCH_INGEST_MAX_RESYNC_DEPTH", "-1"))).isInstanceOf(
                ConfigException.class).hasMessageContaining("CHAINWATCH_INGEST_MAX_RESYNC_DEPTH");
    }
}
