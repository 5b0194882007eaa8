package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HeadSubscriptionTest {

    private static final Duration STALL_AFTER = Duration.ofSeconds(3);

    @Test
    void shouldCallASilentSocketStalledWhenPollingSawANewerHead() {
        assertThat(HeadSubscription.isStalled(10_000, 6_999, STALL_AFTER, 42, 41)).isTrue();
    }

    @Test
    void shouldNotCallASilentSocketStalledWhileTheChainDidNotMove() {
        assertThat(HeadSubscription.isStalled(60_000, 0, STALL_AFTER, 41, 41)).isFalse();
    }

    @Test
    void shouldNotCallASocketStalledBeforeTheTimeoutEvenIfPollingIsAhead() {
        assertThat(HeadSubscription.isStalled(10_000, 7_000, STALL_AFTER, 45, 41)).isFalse();
    }

    @Test
    void shouldReadTheBlockNumberOfANewHeadsNotification() {
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":"
                + "\"0xabc\",\"result\":{\"hash\":\"0x01\",\"number\": \"0x1b4\",\"parentHash\":\"0x02\"}}}";
        assertThat(HeadSubscription.headNumber(notification)).isEqualTo(0x1b4);
        assertThat(HeadSubscription.headNumber("{\"result\":\"0xabc\"}")).isEqualTo(-1);
    }
}
