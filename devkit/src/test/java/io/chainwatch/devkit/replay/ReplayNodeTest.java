package io.chainwatch.devkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReplayNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ReplayNode node;

    @BeforeAll
    static void start() {
        node = ReplayNode.start(ReplayChain.generate(31337, 12, 60, 7), 2);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldServeAChainWhoseBlocksEachNameTheHashOfTheOneBefore() throws Exception {
        assertThat(call("eth_blockNumber", "[]").path("result").asText()).isEqualTo("0xc");
        assertThat(call("eth_chainId", "[]").path("result").asText()).isEqualTo("0x7a69");
        String parent = call("eth_getBlockByNumber", "[\"0x0\",false]").path("result").path("hash").asText();
        for (int n = 1; n <= 12; n++) {
            JsonNode block = call("eth_getBlockByNumber", "[\"0x" + Integer.toHexString(n) + "\",true]").path(
                    "result");
            assertThat(block.path("number").asText()).isEqualTo("0x" + Integer.toHexString(n));
            assertThat(block.path("parentHash").asText()).isEqualTo(parent);
            assertThat(block.path("hash").asText()).isEqualTo(node.chain().hash(n));
            assertThat(block.path("transactions")).hasSize(60);
            assertThat(block.path("transactions").get(0).path("blockHash").asText()).isEqualTo(node.chain().hash(n));
            parent = block.path("hash").asText();
        }
    }

    @Test
    void shouldAnswerReceiptsByBlockHashOrNumberAndOneByOneWithTheTokenTransfersLogged() throws Exception {
        String hash = node.chain().hash(3);
        JsonNode byHash = call("eth_getBlockReceipts", "[\"" + hash + "\"]").path("result");
        JsonNode byNumber = call("eth_getBlockReceipts", "[\"0x3\"]").path("result");
        assertThat(byHash).isEqualTo(byNumber).hasSize(60);
        // every third transaction is an ERC-20 transfer with its Transfer log, one in fifty a contract creation
        assertThat(byHash.get(2).path("logs").get(0).path("topics").get(0).asText()).isEqualTo(
                ReplayChain.TRANSFER_TOPIC);
        assertThat(byHash.get(0).path("logs")).isEmpty();
        assertThat(byHash.get(49).path("contractAddress").isTextual()).isTrue();
        String txHash = node.chain().txHashes(3).get(2);
        assertThat(call("eth_getTransactionReceipt", "[\"" + txHash + "\"]").path("result")).isEqualTo(byHash.get(
                2));
        assertThat(call("eth_getBlockByHash", "[\"" + hash + "\",false]").path("result").path("transactions").get(2)
                .asText()).isEqualTo(txHash);
    }

    @Test
    void shouldAnswerABatchInOrderAndRefuseWhatItDoesNotServeAsGethDoes() throws Exception {
        JsonNode batch = JSON.readTree(post("[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_chainId\",\"params\":[]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x99\",true]}]"));
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).path("id").asInt()).isEqualTo(7);
        assertThat(batch.get(1).path("id").asText()).isEqualTo("x");
        assertThat(batch.get(1).path("result").isNull()).isTrue();
        JsonNode refused = call("debug_traceBlockByNumber", "[\"0x1\",{\"tracer\":\"callTracer\"}]");
        assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(refused.path("error").path("message").asText()).contains("does not exist");
        assertThat(node.calls()).isPositive();
    }

    private static JsonNode call(String method, String params) throws Exception {
        return JSON.readTree(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params
                + "}"));
    }

    private static String post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.rpcUrl())).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers
                        .ofString())
                .body();
    }
}
