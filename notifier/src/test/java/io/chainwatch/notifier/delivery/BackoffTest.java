package io.chainwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleFromOneSecondAndStopAtThirty() {
        assertThat(Backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.after(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(Backoff.after(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.after(1_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
