package io.chainwatch.notifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressDepthTest {

    @Test
    void shouldReadAStoredDepthAndNothingElse() {
        assertThat(ProgressDepth.decode("7")).isEqualTo(7);
        assertThat(ProgressDepth.decode("torn")).isNull();
        assertThat(ProgressDepth.decode(null)).isNull();
    }
}
