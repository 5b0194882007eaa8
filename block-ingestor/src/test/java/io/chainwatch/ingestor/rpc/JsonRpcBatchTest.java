package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading batch answers (issue #20 review): an answer that is no answer to each call is a refusal of the batch, which
 * makes the caller ask in smaller batches, not a failing endpoint; no raw answer in what is thrown.
 */
class JsonRpcBatchTest {

    private static final String ENDPOINT = "https://node.example.io/…";

    private static List<JsonNode> answers(int size, String answer) throws IOException {
        return JsonRpcBatch.answers(ENDPOINT, "eth_getTransactionReceipt", size, answer);
    }

    private static void assertBatchRefusal(Throwable refusal) {
        assertThat(RpcErrorClassifier.kind(refusal)).isEqualTo(RpcErrorKind.UNSUPPORTED_METHOD);
        assertThat(RpcErrorClassifier.kind(refusal).isTransient()).as("shrinks the batch").isFalse();
        assertThat(RpcErrorClassifier.classify(refusal)).as("keeps the breaker out").isNotEqualTo(
                RpcFailure.SWITCH_ENDPOINT);
    }

    @Test
    void shouldReadTheResultsInRequestOrderWhateverOrderTheyCameIn() throws IOException {
        List<JsonNode> results = answers(2, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"b\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":null}]");
        assertThat(results.get(0).isNull()).isTrue();
        assertThat(results.get(1).asText()).isEqualTo("b");
    }

    @Test
    void shouldTakeASingleObjectWithoutAnErrorAsARefusalOfTheBatch() {
        assertThatThrownBy(() -> answers(3, "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":\"0x1\"}")).satisfies(
                JsonRpcBatchTest::assertBatchRefusal).hasMessageNotContaining("0x1");
    }

    @Test
    void shouldTakeMissingAnswersAsARefusalOfTheBatch() {
        assertThatThrownBy(() -> answers(3, "[{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}]")).satisfies(
                JsonRpcBatchTest::assertBatchRefusal);
    }

    @Test
    void shouldTakeAnAnswerWithoutAResultAsMissingNotAsAReceipt() {
        assertThatThrownBy(() -> answers(2, "[{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":1}]")).satisfies(JsonRpcBatchTest::assertBatchRefusal);
    }

    @Test
    void shouldKeepTheMeaningOfARefusalOfTheWholeBatch() {
        // geth over --rpc.batch-request-limit
        assertThatThrownBy(() -> answers(101, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                + "\"message\":\"batch too large\"}}")).satisfies(e -> assertThat(RpcErrorClassifier.kind(e))
                        .isEqualTo(RpcErrorKind.TOO_LARGE));
    }
}
