package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What a round of the pool in which every endpoint failed means, from what each endpoint said. */
class RoundFailureTest {

    @Test
    void shouldSayNotAvailableWhenAnyEndpointLacksTheBlockSoTheReorgWalkSeesAShorterBranch() {
        assertThat(RpcPool.roundFailure(List.of(RpcFailure.SWITCH_ENDPOINT, RpcFailure.NOT_AVAILABLE))).isEqualTo(
                RpcFailure.NOT_AVAILABLE);
    }

    @Test
    void shouldBeWorthRetryingWhenAnyEndpointFailedTransiently() {
        assertThat(RpcPool.roundFailure(List.of(RpcFailure.FATAL, RpcFailure.SWITCH_ENDPOINT))).isEqualTo(
                RpcFailure.SWITCH_ENDPOINT);
    }

    @Test
    void shouldSayWhatEveryEndpointSaidWhenNoneFailedTransiently() {
        assertThat(RpcPool.roundFailure(List.of(RpcFailure.METHOD_UNSUPPORTED, RpcFailure.METHOD_UNSUPPORTED)))
                .isEqualTo(RpcFailure.METHOD_UNSUPPORTED);
        assertThat(RpcPool.roundFailure(List.of(RpcFailure.METHOD_UNSUPPORTED, RpcFailure.FATAL))).isEqualTo(
                RpcFailure.FATAL);
        assertThat(RpcPool.roundFailure(List.of())).isEqualTo(RpcFailure.SWITCH_ENDPOINT);
    }
}
