package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class EndpointCapabilitiesTest {

    private static final Duration RECHECK = Duration.ofMinutes(30);

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

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
}
