package io.chainwatch.devkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.devkit.replay.LiveReplayChain.Tx;

/** The live replay node over a real WebSocket client (the JDK's, as the ingestor's HeadSubscription uses it). */
class ReplayNodeWebSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BOB = "0x00000000000000000000000000000000000000b0";

    private LiveReplayChain chain;
    private ReplayNode node;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        chain = new LiveReplayChain(56, 32, 5, Instant.now());
        node = ReplayNode.start(chain, 2);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private WebSocket connect() {
        return HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(node.wsUrl()),
                new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
    }

    private JsonNode next() throws Exception {
        String message = received.poll(5, TimeUnit.SECONDS);
        assertThat(message).as("a message within 5 s").isNotNull();
        return JSON.readTree(message);
    }

    @Test
    void shouldPushEachNewHeadToASubscriptionAsGethDoesUntilUnsubscribed() throws Exception {
        WebSocket ws = connect();
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}", true);
        JsonNode answer = next();
        assertThat(answer.path("id").asInt()).isEqualTo(1);
        String subscription = answer.path("result").asText();
        assertThat(subscription).startsWith("0x");
        assertThat(node.headSubscriptions()).isEqualTo(1);
        for (int k = 1; k <= 3; k++) {
            LiveReplayChain.Appended block = chain.append(List.of(Tx.nativeTransfer(BOB)), Instant.now());
            JsonNode pushed = next();
            assertThat(pushed.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(pushed.path("method").asText()).isEqualTo("eth_subscription");
            assertThat(pushed.has("id")).isFalse();
            assertThat(pushed.path("params").path("subscription").asText()).isEqualTo(subscription);
            JsonNode header = pushed.path("params").path("result");
            assertThat(header.path("number").asText()).isEqualTo("0x" + Long.toHexString(block.number()));
            assertThat(header.path("hash").asText()).isEqualTo(block.hash());
            assertThat(header.path("parentHash").asText()).isEqualTo(chain.hash(block.number() - 1).orElseThrow());
            assertThat(header.has("transactions")).isFalse();
        }
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_unsubscribe\",\"params\":[\"" + subscription
                + "\"]}", true);
        assertThat(next().path("result").asBoolean()).isTrue();
        chain.append(List.of(), Instant.now());
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void shouldAnswerOrdinaryCallsOverTheSocketBatchesToo() throws Exception {
        chain.append(List.of(Tx.tokenTransfer(BOB)), Instant.now());
        WebSocket ws = connect();
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_blockNumber\",\"params\":[]}", true);
        assertThat(next().path("result").asText()).isEqualTo("0x1");
        // a message in fragments, and a batch
        ws.sendText("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",", false);
        ws.sendText("\"params\":[]},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_getBlockByNumber\","
                + "\"params\":[\"latest\",true]}]", true);
        JsonNode batch = next();
        assertThat(batch.get(0).path("result").asText()).isEqualTo("0x38");
        assertThat(batch.get(1).path("result").path("transactions")).hasSize(1);
        // large answers go out in 64-bit-length frames
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(
                    ",\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x1\",true]}");
        }
        ws.sendText(many.append(']').toString(), true);
        assertThat(next()).hasSize(200);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_subscribe\",\"params\":[\"logs\",{}]}", true);
        assertThat(next().path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(node.refused()).containsEntry("eth_subscribe logs", 1L);
    }

    @Test
    void shouldAnswerTokenMetadataAndEmptyForAnyOtherCallAndCountWhatItRefuses() throws Exception {
        LiveReplayChain.Token token = chain.tokens().get(0);
        assertThat(call("eth_call", "[{\"to\":\"" + token.address() + "\",\"data\":\"0x313ce567\"},\"latest\"]")
                .path("result").asText()).isEqualTo("0x" + "0".repeat(62) + "12");
        String symbol = call("eth_call", "[{\"to\":\"" + token.address().toUpperCase().replace("0X", "0x")
                + "\",\"input\":\"0x95d89b41\"},\"latest\"]").path("result").asText();
        assertThat(symbol).isEqualTo("0x" + "0".repeat(62) + "20" + "0".repeat(63) + "4"
                + "52504c41" + "0".repeat(56));
        assertThat(ReplayNode.abiString("Replay Token A")).hasSize(2 + 64 * 3);
        assertThat(call("eth_call", "[{\"to\":\"" + BOB + "\",\"data\":\"0x95d89b41\"},\"latest\"]").path("result")
                .asText()).isEqualTo("0x");
        assertThat(call("eth_getCode", "[\"" + BOB + "\",\"latest\"]").path("result").asText()).isEqualTo("0x");
        assertThat(call("eth_getCode", "[\"" + token.address() + "\",\"latest\"]").path("result").asText())
                .isNotEqualTo("0x");
        assertThat(call("debug_traceBlockByNumber", "[\"0x1\",{}]").path("error").path("code").asInt()).isEqualTo(
                -32601);
        call("debug_traceBlockByNumber", "[\"0x1\",{}]");
        assertThat(call("eth_subscribe", "[\"newHeads\"]").has("error")).isTrue();
        assertThat(node.refused()).containsEntry("debug_traceBlockByNumber", 2L).containsEntry(
                "eth_subscribe over http", 1L);
        // a block that left the window answers null, as a pruned node
        for (int k = 0; k < 40; k++) {
            chain.append(List.of(), Instant.now());
        }
        assertThat(call("eth_getBlockByNumber", "[\"0x1\",false]").path("result").isNull()).isTrue();
        assertThat(call("eth_blockNumber", "[]").path("result").asText()).isEqualTo("0x28");
    }

    private JsonNode call(String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        return JSON
                .readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(node.rpcUrl()))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
    }
}
