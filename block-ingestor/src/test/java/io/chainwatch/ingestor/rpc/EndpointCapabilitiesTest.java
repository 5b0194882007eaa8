package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.exceptions.ClientConnectionException;

class EndpointCapabilitiesTest {

    private static final Duration RECHECK = Duration.ofMinutes(30);

    private final ManualClock clock = new ManualClock();
    private final EndpointCapabilities capabilities = new EndpointCapabilities("http://node:8545", clock, RECHECK, 100);

    @Test
    void shouldTryACapabilityUntilItIsRefusedAndAgainAfterTheRecheckInterval() {
        assertThat(capabilities.shouldTry(Capability.BLOCK_RECEIPTS)).isTrue();
        capabilities.notOffered(Capability.BLOCK_RECEIPTS, "method not offered (JSON-RPC -32700: …)");
        assertThat(capabilities.shouldTry(Capability.BLOCK_RECEIPTS)).isFalse();
        assertThat(capabilities.shouldTry(Capability.CALL_TRACER)).as("others unaffected").isTrue();
        clock.advance(RECHECK.minusSeconds(1));
        assertThat(capabilities.shouldTry(Capability.BLOCK_RECEIPTS)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(capabilities.shouldTry(Capability.BLOCK_RECEIPTS)).isTrue();
        capabilities.offered(Capability.BLOCK_RECEIPTS);
        assertThat(capabilities.describe(Capability.BLOCK_RECEIPTS)).isEqualTo("yes");
    }

    @Test
    void shouldSayWhatAMissingCapabilityMeansAndWhy() {
        assertThat(capabilities.describe(Capability.CALL_TRACER)).isEqualTo("not probed yet");
        capabilities.notOffered(Capability.CALL_TRACER, "method not offered (JSON-RPC -32004: Method "
                + "debug_traceBlockByNumber is not supported)");
        assertThat(capabilities.describe(Capability.CALL_TRACER)).isEqualTo("no, internal transfers are not read "
                + "from this endpoint (method not offered (JSON-RPC -32004: Method debug_traceBlockByNumber is not "
                + "supported))");
    }

    @Test
    void shouldHalveTheBatchLimitOnEachRefusalDownToSingleCallsAndRestoreItAfterTheRecheckInterval() {
        assertThat(capabilities.batchLimit()).isEqualTo(100);
        capabilities.batchRefused(100, "request or batch too large (JSON-RPC -32000: batch limit 50 exceeded)");
        assertThat(capabilities.batchLimit()).isEqualTo(50);
        capabilities.batchRefused(50, "too large");
        capabilities.batchRefused(7, "too large"); // a smaller batch of the last block's remainder
        assertThat(capabilities.batchLimit()).isEqualTo(3);
        capabilities.batchRefused(3, "too large");
        capabilities.batchRefused(2, "too large");
        assertThat(capabilities.batchLimit()).isEqualTo(1);
        clock.advance(RECHECK);
        assertThat(capabilities.batchLimit()).isEqualTo(100);
    }

    @Test
    void shouldNotHalveTheBatchLimitBelowTheLargestBatchAnsweredBefore() {
        capabilities.batchAccepted(2);
        capabilities.batchRefused(7, "batch limit 2 exceeded");
        assertThat(capabilities.batchLimit()).isEqualTo(3);
        capabilities.batchRefused(3, "batch limit 2 exceeded");
        assertThat(capabilities.batchLimit()).isEqualTo(2);
    }

    @Test
    void shouldBeDueForAProbeAtFirstContactAndAfterTheRecheckInterval() {
        assertThat(capabilities.probeDue()).isTrue();
        capabilities.probed();
        assertThat(capabilities.probeDue()).isFalse();
        clock.advance(RECHECK);
        assertThat(capabilities.probeDue()).isTrue();
    }

    @Test
    void shouldLearnNotOfferedOnlyFromARefusalOfTheMethodNotFromOneRequestOrATransientFailureIssue20Review() {
        // one heavy block: too large for this endpoint's response limit (geth "response too large")
        assertThat(capabilities.learnFrom(Capability.CALL_TRACER, new JsonRpcErrorException(-32003,
                "response too large"), "too large")).isEqualTo(RpcErrorKind.TOO_LARGE);
        // a pruned node tracing an old block (geth)
        assertThat(capabilities.learnFrom(Capability.CALL_TRACER, new JsonRpcErrorException(-32000,
                "required historical state unavailable (reexec=128)"), "pruned")).isEqualTo(
                        RpcErrorKind.STATE_UNAVAILABLE);
        // a 5xx
        capabilities.learnFrom(Capability.CALL_TRACER, new ClientConnectionException("Invalid response received: "
                + "503; Service Unavailable"), "server error");
        assertThat(capabilities.shouldTry(Capability.CALL_TRACER)).isTrue();
        assertThat(capabilities.support(Capability.CALL_TRACER))
                .isInstanceOf(EndpointCapabilities.Support.Unknown.class);

        // ganache: the method is missing
        capabilities.learnFrom(Capability.CALL_TRACER, new JsonRpcErrorException(-32700,
                "The method debug_traceBlockByNumber does not exist/is not available"), "method not offered");
        assertThat(capabilities.shouldTry(Capability.CALL_TRACER)).isFalse();
    }

    @Test
    void shouldTakeAccessDeniedToACapabilityAsNotOfferedThereIssue20Review() {
        // Infura documentation: HTTP 403, -32002 "rejected due to project ID settings" (a method allowlist)
        RpcErrorKind kind = capabilities.learnFrom(Capability.BLOCK_RECEIPTS, new ClientConnectionException(
                "Invalid response received: 403; {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,"
                        + "\"message\":\"rejected due to project ID settings\"}}"),
                "access denied");
        assertThat(kind).isEqualTo(RpcErrorKind.FORBIDDEN);
        assertThat(capabilities.shouldTry(Capability.BLOCK_RECEIPTS)).isFalse();
    }
}
