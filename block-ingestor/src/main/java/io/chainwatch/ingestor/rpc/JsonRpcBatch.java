package io.chainwatch.ingestor.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One JSON-RPC batch, sent and read by hand rather than through web3j: an endpoint that refuses a batch answers with
 * one error object instead of an array (geth "batch too large", Erigon "batch limit N exceeded", Nethermind "Batch
 * size limit exceeded"), which web3j cannot parse, so its meaning would be lost. Here that answer becomes a
 * {@link JsonRpcErrorException} the classifier understands, and the raw answer of any failure is logged at debug.
 */
public final class JsonRpcBatch {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcBatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRpcBatch() {
    }

    /**
     * Calls {@code method} once per parameter list, in one batch; returns the results in request order.
     *
     * @throws JsonRpcErrorException when the batch, or any call in it, was answered with an error
     */
    public static List<JsonNode> call(RpcEndpoint endpoint, String method, List<List<Object>> paramsEach) {
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < paramsEach.size(); i++) {
            batch.addObject().put("jsonrpc", "2.0").put("id", i).put("method", method).set("params", JSON
                    .valueToTree(paramsEach.get(i)));
        }
        try {
            return answers(endpoint.name(), method, paramsEach.size(), endpoint.post(JSON.writeValueAsString(batch)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The results of a batch of {@code size} calls from its {@code answer}, in request order.
     *
     * @throws JsonRpcErrorException when the batch, or any call in it, was answered with an error
     * @throws RpcException a refusal of the batch ({@link RpcErrorKind#UNSUPPORTED_METHOD}) when the answer is no
     *             answer to each call
     */
    static List<JsonNode> answers(String endpoint, String method, int size, String answer) throws IOException {
        JsonNode parsed = JSON.readTree(answer);
        if (parsed.isObject() && (parsed.path("error").isObject() || parsed.path("error").isTextual())) {
            LOG.debug("{} refused a batch of {} {}: {}", endpoint, size, method, answer);
            throw errorOf(parsed.path("error")); // the batch as a whole was refused
        }
        if (!parsed.isArray()) {
            LOG.debug("{} answered a batch of {} {} with no batch answer: {}", endpoint, size, method, answer);
            throw notABatchAnswer(endpoint, "answered with no batch answer");
        }
        JsonNode[] results = new JsonNode[size];
        for (JsonNode item : parsed) {
            int id = item.path("id").asInt(-1);
            if (item.path("error").isObject() || item.path("error").isTextual()) {
                LOG.debug("{} answered {} in a batch with an error: {}", endpoint, method, answer);
                throw errorOf(item.path("error"));
            }
            if (id >= 0 && id < results.length && item.has("result")) {
                results[id] = item.get("result"); // JSON null when there is none, never a missing node
            }
        }
        List<JsonNode> ordered = new ArrayList<>(results.length);
        for (JsonNode result : results) {
            if (result == null) {
                LOG.debug("{} left calls of a batch unanswered: {}", endpoint, answer);
                throw notABatchAnswer(endpoint, "left calls of a batch of " + results.length + " unanswered");
            }
            ordered.add(result);
        }
        return ordered;
    }

    /**
     * A batch answer that is no answer to each call (one object with no error, an item missing, one without a
     * result): the endpoint or a proxy before it does not handle batches of this size well. A refusal of the batch,
     * not a failing endpoint: the caller asks in smaller batches (down to single calls), and the breaker stays out.
     */
    private static RpcException notABatchAnswer(String endpoint, String what) {
        return new RpcException(endpoint + " " + what, RpcFailure.METHOD_UNSUPPORTED,
                RpcErrorKind.UNSUPPORTED_METHOD, null);
    }

    private static RuntimeException errorOf(JsonNode error) {
        if (error.isTextual()) {
            return new JsonRpcErrorException(0, error.asText());
        }
        return new JsonRpcErrorException(error.path("code").asInt(0), error.path("message").asText(""));
    }
}
