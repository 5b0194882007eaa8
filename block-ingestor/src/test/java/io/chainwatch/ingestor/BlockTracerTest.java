package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ingestor.rpc.Capability;
import io.chainwatch.ingestor.rpc.JsonRpcErrorException;
import io.chainwatch.ingestor.rpc.RpcEndpoint;
import io.chainwatch.ingestor.rpc.RpcException;
import io.chainwatch.ingestor.rpc.RpcPool;
import io.chainwatch.ingestor.rpc.RpcSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Where a block's internal transfers come from (issue #20 review): any endpoint that can trace the block, and a block
 * none can trace is published without them and counted, never waited for; no node needed, each endpoint's answer is
 * given by the test.
 */
class BlockTracerTest {

    private static final long BLOCK = 42;
    private static final List<Map<String, Object>> TRACES = List.of(Map.of("txHash", "0xT1", "result",
            InternalTransfersTest.call("0xA", "0xB", "0x64", List.of(InternalTransfersTest.call("0xB", "0xC", "0x10",
                    List.of())))));

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final RpcPool pool = new RpcPool(ChainConfig.allFrom(env()).get(0), RpcSettings.from(env()), metrics);
    private final RpcEndpoint served = pool.endpoints().get(0);
    private final RpcEndpoint other = pool.endpoints().get(1);
    private final BlockTracer tracer = new BlockTracer("devnet", metrics);

    private static RuntimeEnv env() {
        return RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "devnet", "CHAINWATCH_RPC_DEVNET",
                "http://served.invalid:8545,http://other.invalid:8545"));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private double untraced() {
        return metrics.counter(BlockTracer.UNTRACED_METER, "chain", "devnet").count();
    }

    private static BlockTracer.Attempt failing(RpcEndpoint endpoint, RuntimeException failure) {
        return BlockTracer.attempt(endpoint, () -> {
            throw failure;
        });
    }

    @Test
    void shouldReadTheTracesFromAnotherEndpointWhenTheOneThatServedTheBlockLacksTheTracer() {
        served.capabilities().notOffered(Capability.CALL_TRACER, "method not offered (JSON-RPC -32700: …)");

        var transfers = tracer.transfers(BLOCK, List.of(served, other), endpoint -> {
            assertThat(endpoint).as("not asked again").isSameAs(other);
            return BlockTracer.attempt(endpoint, () -> TRACES);
        });

        assertThat(transfers).containsOnlyKeys("0xt1");
        assertThat(untraced()).isZero();
    }

    @Test
    void shouldAskTheNextEndpointWhenOneCannotTraceThisBlockAndPublishWithoutWhenNoneCan() {
        // geth, pruned: the state of the block is gone; the other endpoint: the block's trace is too large for it
        var transfers = tracer.transfers(BLOCK, List.of(served, other), endpoint -> endpoint == served
                ? failing(endpoint, new JsonRpcErrorException(-32000, "required historical state unavailable "
                        + "(reexec=128)"))
                : failing(endpoint, new JsonRpcErrorException(-32003, "response too large")));

        assertThat(transfers).as("published without, not stalled").isEmpty();
        assertThat(untraced()).isEqualTo(1);
        assertThat(served.capabilities().shouldTry(Capability.CALL_TRACER)).as("one block, not the method").isTrue();
        assertThat(other.capabilities().shouldTry(Capability.CALL_TRACER)).isTrue();
    }

    @Test
    void shouldPublishWithoutTracesWhenNoEndpointOffersTheTracer() {
        served.capabilities().notOffered(Capability.CALL_TRACER, "method not offered");
        var transfers = tracer.transfers(BLOCK, List.of(served, other), endpoint -> failing(endpoint,
                new JsonRpcErrorException(-32004, "Method debug_traceBlockByNumber is not supported")));

        assertThat(transfers).isEmpty();
        assertThat(other.capabilities().shouldTry(Capability.CALL_TRACER)).isFalse();
        assertThat(tracer.transfers(BLOCK + 1, List.of(served, other), endpoint -> {
            throw new AssertionError("no endpoint is asked again");
        })).isEmpty();
        assertThat(untraced()).isEqualTo(2);
    }

    @Test
    void shouldReadTheBlockAgainRatherThanPublishWithoutWhenAnEndpointThatCanTraceFailedTransiently() {
        served.capabilities().notOffered(Capability.CALL_TRACER, "method not offered");

        assertThatThrownBy(() -> tracer.transfers(BLOCK, List.of(served, other), endpoint -> failing(endpoint,
                new UncheckedIOException(new IOException("connection reset"))))).isInstanceOf(RpcException.class)
                .hasMessageContaining("traces of block 42");
        assertThat(untraced()).isZero();
        assertThat(other.capabilities().shouldTry(Capability.CALL_TRACER)).isTrue();
    }
}
