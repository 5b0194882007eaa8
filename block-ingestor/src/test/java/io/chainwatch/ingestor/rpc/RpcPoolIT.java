package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The pool's per-call Failsafe timeout against a real node: a call that outlives it is abandoned at the deadline —
 * even one blocked outside any socket, which OkHttp's timeouts could never end — counted against the endpoint's
 * breaker, and answered by the next endpoint.
 */
class RpcPoolIT {

    private AnvilNode anvil;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeEach
    void startNode() {
        anvil = AnvilNode.start();
    }

    @AfterEach
    void stopNode() {
        anvil.close();
    }

    /** Two endpoints, both the same anvil (by two names), so only what the call does on each tells them apart. */
    private RpcPool pool(String timeout, int breakerFailures) {
        String second = anvil.rpcUrl().replace("127.0.0.1", "localhost");
        RuntimeEnv env = RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "devnet", "CHAINWATCH_RPC_DEVNET", anvil.rpcUrl()
                + "," + second, "CHAINWATCH_RPC_TIMEOUT", timeout, "CHAINWATCH_RPC_BREAKER_FAILURES",
                Integer
                        .toString(breakerFailures)));
        return new RpcPool(ChainConfig.allFrom(env).get(0), RpcSettings.from(env), metrics);
    }

    private static long headUnlessFirst(RpcEndpoint endpoint) throws Exception {
        if (endpoint.priority() == 0) {
            Thread.sleep(Duration.ofSeconds(30)); // stuck for longer than any timeout, outside any socket
        }
        return RpcPool.send(endpoint.web3j().ethBlockNumber()).getBlockNumber().longValueExact();
    }

    @Test
    void shouldAbandonACallThatOutlivesTheTimeoutAndAnswerFromTheNextEndpoint() {
        anvil.mine(3);
        try (RpcPool pool = pool("500ms", 5)) {
            long started = System.nanoTime();
            long head = pool.call("head", RpcPoolIT::headUnlessFirst);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(head).isEqualTo(3);
            assertThat(took).isLessThan(Duration.ofMillis(2_500));
            assertThat(metrics.counter("chainwatch_rpc_errors", "chain", "devnet", "endpoint", pool.endpoints().get(0)
                    .name(), "class", RpcFailure.SWITCH_ENDPOINT.name()).count()).isEqualTo(1);
        }
    }

    @Test
    void shouldOpenTheBreakerOfAnEndpointWhoseCallsKeepTimingOut() {
        try (RpcPool pool = pool("300ms", 2)) {
            pool.call("head", RpcPoolIT::headUnlessFirst);
            pool.call("head", RpcPoolIT::headUnlessFirst);
            assertThat(pool.endpoints().get(0).breakerStateCode()).as("open").isEqualTo(2);
            long started = System.nanoTime();
            pool.call("head", RpcPoolIT::headUnlessFirst);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("skipped, not waited for").isLessThan(Duration
                    .ofMillis(300));
        }
    }
}
