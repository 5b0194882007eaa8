package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.protocol.exceptions.ClientConnectionException;

import com.fasterxml.jackson.core.JsonParseException;

class RpcErrorClassifierTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-32005|limit exceeded|SWITCH_ENDPOINT",
            "-32603|internal error|SWITCH_ENDPOINT",
            "-32000|header not found|NOT_AVAILABLE",
            "-32000|unknown block|NOT_AVAILABLE",
            "-32000|execution reverted|SWITCH_ENDPOINT",
            "-32601|the method eth_getBlockReceipts does not exist|METHOD_UNSUPPORTED",
            "-32602|invalid argument 0|FATAL"})
    void shouldClassifyJsonRpcErrorsInsideHttp200(int code, String message, RpcFailure expected) {
        assertThat(RpcErrorClassifier.classify(new JsonRpcErrorException(code, message))).isEqualTo(expected);
    }

    @Test
    void shouldSwitchEndpointOnTransportFailuresWhereverTheyAreWrapped() {
        assertThat(RpcErrorClassifier.classify(new ClientConnectionException("Invalid response received: 429; ")))
                .isEqualTo(
                        RpcFailure.SWITCH_ENDPOINT);
        assertThat(RpcErrorClassifier.classify(new ClientConnectionException("Invalid response received: 503; ")))
                .isEqualTo(
                        RpcFailure.SWITCH_ENDPOINT);
        assertThat(RpcErrorClassifier.classify(new UncheckedIOException(new ConnectException("refused")))).isEqualTo(
                RpcFailure.SWITCH_ENDPOINT);
        assertThat(RpcErrorClassifier.classify(new RuntimeException(new SocketTimeoutException("timeout")))).isEqualTo(
                RpcFailure.SWITCH_ENDPOINT);
        assertThat(RpcErrorClassifier.classify(new UncheckedIOException(new JsonParseException(null, "truncated"))))
                .isEqualTo(RpcFailure.SWITCH_ENDPOINT);
        assertThat(RpcErrorClassifier.classify(new UncheckedIOException(new IOException("stream closed")))).isEqualTo(
                RpcFailure.SWITCH_ENDPOINT);
    }

    @Test
    void shouldTreatAMissingBlockAsNotAvailable() {
        assertThat(RpcErrorClassifier.classify(new RuntimeException(new BlockNotAvailableException("block 9"))))
                .isEqualTo(RpcFailure.NOT_AVAILABLE);
    }

    @Test
    void shouldSwitchEndpointWhenTheFailsafeTimeoutEndedTheCall() {
        var timedOut = new dev.failsafe.TimeoutExceededException(dev.failsafe.Timeout.of(java.time.Duration.ofSeconds(
                1)));
        assertThat(RpcErrorClassifier.classify(new RuntimeException(timedOut))).isEqualTo(RpcFailure.SWITCH_ENDPOINT);
    }
}
