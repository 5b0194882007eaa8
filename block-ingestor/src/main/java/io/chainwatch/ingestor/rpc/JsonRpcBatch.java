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
        String answer;
        JsonNode parsed;
        try {
            answer = endpoint.post(JSON.writeValueAsString(batch));
            parsed = JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (parsed.isObject()) { // the batch as a whole was refused
            LOG.debug("{} refused a batch of {} {}: {}", endpoint.name(), paramsEach.size(), method, answer);
            throw errorOf(parsed.path("error"), answer);
        }
        JsonNode[] results = new JsonNode[paramsEach.size()];
        for (JsonNode item : parsed) {
            int id = item.path("id").asInt(-1);
            if (item.path("error").isObject() || item.path("error").isTextual()) {
                LOG.debug("{} answered {} in a batch with an error: {}", endpoint.name(), method, answer);
                throw errorOf(item.path("error"), answer);
            }
            if (id >= 0 && id < results.length) {
                results[id] = item.path("result");
            }
        }
        List<JsonNode> ordered = new ArrayList<>(results.length);
        for (JsonNode result : results) {
            if (result == null) {
                LOG.debug("{} left calls of a batch unanswered: {}", endpoint.name(), answer);
                throw new UncheckedIOException(new IOException("batch answer of " + endpoint.name() + " lacks "
                        + "answers (" + parsed.size() + " of " + results.length + ")"));
            }
            ordered.add(result);
        }
        return ordered;
    }

    private static RuntimeException errorOf(JsonNode error, String answer) {
        if (error.isTextual()) {
            return new JsonRpcErrorException(0, error.asText());
        }
        if (!error.isObject()) {
            return new UncheckedIOException(new IOException("not a JSON-RPC answer: " + answer));
        }
        return new JsonRpcErrorException(error.path("code").asInt(0), error.path("message").asText(""));
    }
}
