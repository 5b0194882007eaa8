package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the pool says about failing endpoints, without a node: the follower logs its waiting reason only when it
 * changes, so the same failures must read alike whenever they happened (issue #20 review: a WARN every loop).
 */
class RpcPoolTest {

    private final ManualClock clock = new ManualClock();
    private final RpcPool pool = pool();

    private RpcPool pool() {
        RuntimeEnv env = RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "devnet", "CHAINWATCH_RPC_DEVNET",
                "http://a.invalid:8545,https://b.invalid/v3/0123456789abcdef"));
        return new RpcPool(ChainConfig.allFrom(env).get(0), RpcSettings.from(env), new SimpleMeterRegistry(), clock);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void shouldDescribeTheSameFailuresAlikeWhenTheyHappenAgainLater() {
        pool.endpoints().forEach(e -> e.recordError("head: rate limited (HTTP 429 Too Many Requests)"));
        String first = pool.lastErrors();
        clock.advance(Duration.ofSeconds(7));
        pool.endpoints().forEach(e -> e.recordError("head: rate limited (HTTP 429 Too Many Requests)"));

        assertThat(pool.lastErrors()).isEqualTo(first).doesNotContain("UTC");
        assertThat(pool.endpoints().get(0).lastError()).as("health still says when").hasValue(
                "head: rate limited (HTTP 429 Too Many Requests) at 00:00:07 UTC");
    }

    @Test
    void shouldGiveTheSameReasonForOpenBreakersWhateverTimeIsLeftOnThem() {
        pool.endpoints().forEach(e -> {
            e.recordError("block 9: not reachable (no answer within the timeout)");
            e.breaker().open();
        });
        String first = catchThrowableOfType(RpcException.class, () -> pool.callOnce("block 9", e -> 1L))
                .getMessage();
        clock.advance(Duration.ofSeconds(3));
        String later = catchThrowableOfType(RpcException.class, () -> pool.callOnce("block 9", e -> 1L))
                .getMessage();

        assertThat(later).isEqualTo(first).contains("breaker open after block 9: not reachable").doesNotContain(
                "UTC").doesNotContain(" s more");
    }
}
