package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;

class JsonRpcCallTest {

    private static final JsonRpcCall.ResultReader<String> TEXT = JsonParser::getValueAsString;

    @Test
    void shouldHandTheResultToTheReaderWhereverItStandsInTheAnswer() throws IOException {
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x10\"}")).isEqualTo("0x10");
        assertThat(read("{\"result\":\"0x10\",\"extra\":{\"a\":[1,2]},\"id\":1}")).isEqualTo("0x10");
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}")).isNull();
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1}")).isNull(); // as web3j: no result is a null one
    }

    @Test
    void shouldThrowTheErrorAsWeb3jsPathDidSoTheClassifierReadsItAlike() {
        assertThatThrownBy(() -> read("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":"
                + "\"the method eth_getBlockReceipts does not exist/is not available\",\"data\":{\"x\":1}}}"))
                .isInstanceOfSatisfying(JsonRpcErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32601);
                    assertThat(e.rpcMessage()).contains("does not exist");
                    assertThat(RpcErrorClassifier.kind(e)).isEqualTo(RpcErrorKind.UNSUPPORTED_METHOD);
                });
        assertThatThrownBy(() -> read("{\"id\":1,\"error\":\"rate limited\"}")).isInstanceOfSatisfying(
                JsonRpcErrorException.class, e -> assertThat(e.rpcMessage()).isEqualTo("rate limited"));
        assertThat(catchRead("{\"id\":1,\"error\":null,\"result\":\"0x1\"}")).isNull();
    }

    @Test
    void shouldRefuseAnAnswerThatIsNoJsonRpcAnswer() {
        assertThatThrownBy(() -> read("[{\"result\":1}]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"result\":\"0x1\"")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("<html>bad gateway</html>")).isInstanceOf(IOException.class);
    }

    private static Throwable catchRead(String answer) {
        try {
            read(answer);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private static String read(String answer) throws IOException {
        return JsonRpcCall.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), TEXT);
    }
}
