package io.chainwatch.ingestor.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.protocol.exceptions.ClientConnectionException;

import com.fasterxml.jackson.core.JsonParseException;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.TimeoutExceededException;

/**
 * The classifier against the answers real clients and providers send. Each case names where its body comes from:
 * "observed" ones were captured from the node at the version this repository pins in package-lock.json; the others
 * are quoted from the client's source or the provider's documentation.
 */
class RpcErrorClassifierTest {

    /** An answer as the pool meets it: an error inside HTTP 200 (web3j or a batch), or a non-2xx HTTP answer. */
    private static RpcErrorKind classifyAnswer(int status, String body) {
        if (status == 200) {
            var error = RpcErrorClassifier.jsonRpcError(body).orElseThrow();
            return RpcErrorClassifier.kind(new RuntimeException(new JsonRpcErrorException(error.path("code").asInt(),
                    error.path("message").asText())));
        }
        // web3j's HttpService and RpcEndpoint.post fail alike on non-2xx answers
        return RpcErrorClassifier.kind(new ClientConnectionException("Invalid response received: " + status + "; "
                + body));
    }

    static Stream<Arguments> answersOfRealClientsAndProviders() {
        return Stream.of(
                // ganache 7.9.2, observed (issue #20: -32700, not -32601, for a method it lacks)
                answer("ganache 7.9.2 eth_getBlockReceipts", 200,
                        "{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":{\"message\":"
                                + "\"The method eth_getBlockReceipts does not exist/is not available\",\"stack\":\"Error: The "
                                + "method eth_getBlockReceipts does not exist/is not available\\n    at Executor.execute "
                                + "(node_modules/ganache/dist/node/1.js:2:284522)\",\"code\":-32700}}",
                        RpcErrorKind.UNSUPPORTED_METHOD),
                answer("ganache 7.9.2 debug_traceBlockByNumber", 200, "{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":{"
                        + "\"message\":\"The method debug_traceBlockByNumber does not exist/is not available\","
                        + "\"code\":-32700}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("ganache 7.9.2 eth_subscribe over http", 200, "{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":{"
                        + "\"message\":\"notifications not supported\",\"code\":-32004}}",
                        RpcErrorKind.UNSUPPORTED_METHOD),
                answer("ganache 7.9.2 wrong argument count", 200,
                        "{\"id\":1,\"jsonrpc\":\"2.0\",\"error\":{\"message\":"
                                + "\"Incorrect number of arguments. 'eth_chainId' requires exactly 0 arguments.\","
                                + "\"code\":-32700}}",
                        RpcErrorKind.INVALID_PARAMS),
                // hardhat 2.29.1 node (EDR), observed
                answer("hardhat 2.29.1 eth_getBlockReceipts", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
                        + "-32004,\"message\":\"Method eth_getBlockReceipts is not supported\",\"data\":{\"message\":"
                        + "\"Method eth_getBlockReceipts is not supported\",\"data\":{\"method\":"
                        + "\"eth_getBlockReceipts\",\"params\":[\"0x12\"]}}}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("hardhat 2.29.1 debug_traceBlockByNumber", 200,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
                                + "-32004,\"message\":\"Method debug_traceBlockByNumber is not supported\"}}",
                        RpcErrorKind.UNSUPPORTED_METHOD),
                answer("hardhat 2.29.1 bad block tag", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,"
                        + "\"message\":\"data did not match any variant of untagged enum PreEip1898BlockSpec at line 1 "
                        + "column 48\"}}", RpcErrorKind.INVALID_PARAMS),
                // anvil 1.7.1, observed
                answer("anvil 1.7.1 unknown method", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,"
                        + "\"message\":\"Method not found\"}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("anvil 1.7.1 bad quantity", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,"
                        + "\"message\":\"hex string without 0x prefix\"}}", RpcErrorKind.INVALID_PARAMS),
                // geth: rpc/errors.go (methodNotFoundError, errMsgBatchTooLarge, errMsgResponseTooLarge, timeouts),
                // eth/api "header not found"
                answer("geth debug namespace not exposed", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
                        + "-32601,\"message\":\"the method debug_traceBlockByNumber does not exist/is not available\"}}",
                        RpcErrorKind.UNSUPPORTED_METHOD),
                answer("geth block beyond its head", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,"
                        + "\"message\":\"header not found\"}}", RpcErrorKind.NOT_AVAILABLE_YET),
                answer("geth batch over --rpc.batch-request-limit", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{"
                        + "\"code\":-32600,\"message\":\"batch too large\"}}", RpcErrorKind.TOO_LARGE),
                answer("geth batch response over its size limit", 200, "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{"
                        + "\"code\":-32003,\"message\":\"response too large\"}}", RpcErrorKind.TOO_LARGE),
                answer("geth eth_subscribe over http", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32001,"
                        + "\"message\":\"notifications not supported\"}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("geth call over its timeout", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,"
                        + "\"message\":\"request timed out\"}}", RpcErrorKind.SERVER_ERROR),
                // Erigon: rpc/handler.go, the batch limit (--rpc.batch.limit, 100 by default)
                answer("erigon batch over --rpc.batch.limit", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
                        + "-32000,\"message\":\"batch limit 100 exceeded (can increase by --rpc.batch.limit). "
                        + "Requested batch of size: 101\"}}", RpcErrorKind.TOO_LARGE),
                answer("erigon method outside its --http.api", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":"
                        + "-32601,\"message\":\"the method debug_traceBlockByNumber does not exist/is not "
                        + "available\"}}", RpcErrorKind.UNSUPPORTED_METHOD),
                // Nethermind: JsonRpcService.GetErrorResult, JsonRpcProcessor (MaxBatchSize)
                answer("nethermind unknown method", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,"
                        + "\"message\":\"The method 'eth_getBlockReceipts' is not supported.\"}}",
                        RpcErrorKind.UNSUPPORTED_METHOD),
                answer("nethermind namespace disabled", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32600,"
                        + "\"message\":\"The method 'debug_traceBlockByNumber' is found but the namespace 'debug' is "
                        + "disabled\"}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("nethermind batch over JsonRpc.MaxBatchSize", 200, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{"
                        + "\"code\":-32005,\"message\":\"Batch size limit exceeded\"}}", RpcErrorKind.TOO_LARGE),
                // Besu: RpcErrorType
                answer("besu unknown method", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,"
                        + "\"message\":\"Method not found\"}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("besu api not enabled", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32604,"
                        + "\"message\":\"Method not enabled\"}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("besu batch over --rpc-http-max-batch-size", 200, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{"
                        + "\"code\":-32005,\"message\":\"Number of requests exceeds max batch size\"}}",
                        RpcErrorKind.TOO_LARGE),
                answer("besu unknown block", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-39001,"
                        + "\"message\":\"Unknown block\"}}", RpcErrorKind.NOT_AVAILABLE_YET),
                // reth (jsonrpsee server): error codes and messages of jsonrpsee-types
                answer("reth unknown method", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,"
                        + "\"message\":\"Method not found\"}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("reth batch over --rpc.max-batch-size", 200, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{"
                        + "\"code\":-32010,\"message\":\"The batch request was too large\"}}", RpcErrorKind.TOO_LARGE),
                answer("reth server busy", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32009,"
                        + "\"message\":\"Server is busy, try again later\"}}", RpcErrorKind.RATE_LIMITED),
                // Infura (MetaMask services documentation: rate limiting, daily credit limit)
                answer("infura throughput exceeded", 429, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,"
                        + "\"message\":\"project ID request rate exceeded\",\"data\":{\"see\":"
                        + "\"https://infura.io/dashboard\",\"current_rps\":13.333,\"allowed_rps\":10.0,"
                        + "\"backoff_seconds\":30.0}}}", RpcErrorKind.RATE_LIMITED),
                answer("infura daily credit limit", 402, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":402,"
                        + "\"event\":-33000,\"message\":\"Payment Required\",\"details\":\"You have reached your daily "
                        + "credit limit. To continue making requests, upgrade your plan or purchase additional "
                        + "credits\"}}", RpcErrorKind.RATE_LIMITED),
                answer("infura method not served (eth-json-rpc-infura maps 405 to method not found)", 405, "",
                        RpcErrorKind.UNSUPPORTED_METHOD),
                // Alchemy (documentation: throughput, error reference)
                answer("alchemy compute units exceeded", 429, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":429,"
                        + "\"message\":\"Your app has exceeded its compute units per second capacity. If you have "
                        + "retries enabled, you can safely ignore this message. If not, check out "
                        + "https://docs.alchemy.com/reference/throughput\"},\"id\":1}", RpcErrorKind.RATE_LIMITED),
                answer("alchemy server error", 500, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":"
                        + "\"Internal error\"},\"id\":1}", RpcErrorKind.SERVER_ERROR),
                // QuickNode (documentation: error references)
                answer("quicknode requests per second", 429, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":429,\"message\":"
                        + "\"The requests per second (RPS) of your requests are higher than your plan allows.\"},"
                        + "\"id\":1}", RpcErrorKind.RATE_LIMITED),
                answer("quicknode body too large", 413, "Request Entity Too Large", RpcErrorKind.TOO_LARGE),
                answer("quicknode incorrect url or method", 404, "Not Found", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("quicknode service unavailable", 503, "Service Unavailable", RpcErrorKind.SERVER_ERROR),
                // NodeReal MegaNode (documentation: handling errors; "xxx" replaced by a method name)
                answer("nodereal batch limit", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,"
                        + "\"message\":\"batch size exceed limit 500\"}}", RpcErrorKind.TOO_LARGE),
                answer("nodereal method not in plan", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32004,"
                        + "\"message\":\"method debug_traceBlockByNumber does not support\"}}",
                        RpcErrorKind.UNSUPPORTED_METHOD),
                answer("nodereal compute units used up", 200,
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,"
                                + "\"message\":\"ran out of cu\"}}",
                        RpcErrorKind.RATE_LIMITED),
                // BNB Chain public endpoints (bnb-chain/bsc#1215)
                answer("bsc public endpoint limit", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,"
                        + "\"message\":\"limit exceeded\"}}", RpcErrorKind.RATE_LIMITED),
                // any reverse proxy in front of a node
                answer("nginx bad gateway", 502, "<html><head><title>502 Bad Gateway</title></head><body><center>"
                        + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
                        RpcErrorKind.SERVER_ERROR),
                answer("a gateway answering a plain-text error", 429, "Too Many Requests",
                        RpcErrorKind.RATE_LIMITED),
                // issue #20 review: a pruned node asked to trace an old block (geth eth/state_accessor.go, hash
                // scheme; triedb/pathdb "historical state %x is not available", path scheme)
                answer("geth tracing beyond its state (hash scheme)", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,"
                        + "\"error\":{\"code\":-32000,\"message\":\"required historical state unavailable "
                        + "(reexec=128)\"}}", RpcErrorKind.STATE_UNAVAILABLE),
                answer("geth tracing beyond its state (path scheme)", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,"
                        + "\"error\":{\"code\":-32000,\"message\":\"historical state 9f1c2a0b7e is not "
                        + "available\"}}", RpcErrorKind.STATE_UNAVAILABLE),
                // issue #20 review: permanent refusals that read as transient
                answer("infura key settings (documentation: HTTP 403 Forbidden)", 403, "{\"jsonrpc\":\"2.0\","
                        + "\"id\":1,\"error\":{\"code\":-32002,\"message\":\"rejected due to project ID "
                        + "settings\"}}", RpcErrorKind.FORBIDDEN),
                answer("a gateway without a valid key (plain 401)", 401, "Unauthorized", RpcErrorKind.FORBIDDEN),
                answer("a gateway refusing a method outside the key's allowlist (plain 403)", 403, "Forbidden",
                        RpcErrorKind.FORBIDDEN),
                answer("a gateway whose credits are used up (plain 402)", 402, "", RpcErrorKind.RATE_LIMITED),
                answer("a node answering -32000 \"not implemented\" (issue #20 review)", 200, "{\"jsonrpc\":"
                        + "\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"not implemented\"}}",
                        RpcErrorKind.UNSUPPORTED_METHOD),
                answer("a method \"not yet supported\" (issue #20 review)", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,"
                        + "\"error\":{\"code\":-32000,\"message\":\"eth_getBlockReceipts is not yet "
                        + "supported\"}}", RpcErrorKind.UNSUPPORTED_METHOD),
                answer("a method \"not yet implemented\" (issue #20 review)", 200, "{\"jsonrpc\":\"2.0\",\"id\":1,"
                        + "\"error\":{\"code\":-32000,\"message\":\"debug_traceBlockByNumber: not yet "
                        + "implemented\"}}", RpcErrorKind.UNSUPPORTED_METHOD));
    }

    private static Arguments answer(String source, int status, String body, RpcErrorKind expected) {
        return Arguments.of(source, status, body, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersOfRealClientsAndProviders")
    void shouldRecogniseWhatRealClientsAndProvidersMean(String source, int status, String body,
            RpcErrorKind expected) {
        assertThat(classifyAnswer(status, body)).as(source).isEqualTo(expected);
    }

    @Test
    void shouldTreatGanachesMinus32700ForAMissingMethodAsNotOfferedNotAsAFailingEndpointIssue20() {
        JsonRpcErrorException ganache = new JsonRpcErrorException(-32700,
                "The method eth_getBlockReceipts does not exist/is not available");
        assertThat(RpcErrorClassifier.classify(ganache)).isEqualTo(RpcFailure.METHOD_UNSUPPORTED);
        assertThat(RpcErrorClassifier.kind(ganache).isTransient()).isFalse();
    }

    @Test
    void shouldCallTransportFailuresUnreachableWhereverTheyAreWrapped() {
        assertThat(RpcErrorClassifier.kind(new UncheckedIOException(new ConnectException("refused")))).isEqualTo(
                RpcErrorKind.UNREACHABLE);
        assertThat(RpcErrorClassifier.kind(new RuntimeException(new SocketTimeoutException("timeout")))).isEqualTo(
                RpcErrorKind.UNREACHABLE);
        assertThat(RpcErrorClassifier.kind(new UncheckedIOException(new JsonParseException(null, "truncated"))))
                .isEqualTo(RpcErrorKind.UNREACHABLE);
        assertThat(RpcErrorClassifier.kind(new UncheckedIOException(new IOException("stream closed")))).isEqualTo(
                RpcErrorKind.UNREACHABLE);
        assertThat(RpcErrorClassifier.classify(new RuntimeException(new TimeoutExceededException(dev.failsafe.Timeout
                .of(Duration.ofSeconds(1)))))).isEqualTo(RpcFailure.SWITCH_ENDPOINT);
    }

    @Test
    void shouldTreatANullBlockAsNotAvailableYet() {
        assertThat(RpcErrorClassifier.classify(new RuntimeException(new BlockNotAvailableException("block 9"))))
                .isEqualTo(RpcFailure.NOT_AVAILABLE);
    }

    @Test
    void shouldKeepTheMeaningOfTransientAnswersAndTheBreakerOutOfTheOthers() {
        assertThat(RpcErrorKind.RATE_LIMITED.failure()).isEqualTo(RpcFailure.SWITCH_ENDPOINT);
        assertThat(RpcErrorKind.SERVER_ERROR.failure()).isEqualTo(RpcFailure.SWITCH_ENDPOINT);
        assertThat(RpcErrorKind.UNREACHABLE.failure()).isEqualTo(RpcFailure.SWITCH_ENDPOINT);
        assertThat(RpcErrorKind.UNSUPPORTED_METHOD.failure()).isEqualTo(RpcFailure.METHOD_UNSUPPORTED);
        assertThat(RpcErrorKind.TOO_LARGE.failure()).isEqualTo(RpcFailure.TOO_LARGE);
        assertThat(RpcErrorKind.INVALID_PARAMS.failure()).isEqualTo(RpcFailure.FATAL);
    }

    @Test
    void shouldDescribeEveryFailureInWordsAndNeverAsNull() {
        assertThat(RpcErrorClassifier.describe(new RuntimeException())).isEqualTo("not reachable (RuntimeException)");
        assertThat(RpcErrorClassifier.describe(new ClientConnectionException("Invalid response received: 429; "
                + "Too Many Requests"))).isEqualTo("rate limited (HTTP 429 Too Many Requests)");
        assertThat(RpcErrorClassifier.describe(new JsonRpcErrorException(-32700, "The method eth_getBlockReceipts "
                + "does not exist/is not available"))).isEqualTo("method not offered (JSON-RPC -32700: The method "
                        + "eth_getBlockReceipts does not exist/is not available)");
        assertThat(RpcErrorClassifier.describe(new RuntimeException(new TimeoutExceededException(dev.failsafe.Timeout
                .of(Duration.ofSeconds(1)))))).isEqualTo("not reachable (no answer within the timeout)");
        assertThat(RpcErrorClassifier.describe(new CircuitBreakerOpenException(dev.failsafe.CircuitBreaker
                .ofDefaults()))).doesNotContain("null");
    }

    @Test
    void shouldNeverPutARawBodyOrTheEndpointsKeyIntoADescriptionIssue20Review() {
        String url = "https://mainnet.example.io/v3/0123456789abcdef0123456789abcdef";
        // an Express proxy's 404 page echoes the path, key included
        ClientConnectionException proxy = new ClientConnectionException("Invalid response received: 404; <!DOCTYPE "
                + "html><html><body><pre>Cannot POST /v3/0123456789abcdef0123456789abcdef</pre></body></html>");
        assertThat(RpcErrorClassifier.describe(proxy, url)).isEqualTo("method not offered (HTTP 404 Not Found)");
        // a JSON-RPC message that echoes the URL, or the key alone
        JsonRpcErrorException echo = new JsonRpcErrorException(-32000, "unknown project "
                + "0123456789abcdef0123456789abcdef at " + url + "?x=1");
        String described = RpcErrorClassifier.describe(echo, url);
        assertThat(described).doesNotContain("0123456789abcdef").doesNotContain("/v3/").startsWith(
                "server error (JSON-RPC -32000: unknown project");
        assertThat(RpcErrorClassifier.describe(new ClientConnectionException("Invalid response received: 403; "
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,\"message\":\"rejected due to "
                + "project ID settings\"}}"), url)).isEqualTo("access denied (HTTP 403, JSON-RPC -32002: rejected due "
                        + "to project ID settings)");
    }

    @Test
    void shouldKeepUserInfoAndQueryKeysOutOfADescription() {
        String url = "https://user:s3cretpassword@node.example.io/rpc?apikey=abcdefghijkl";
        JsonRpcErrorException echo = new JsonRpcErrorException(-32000, "bad key abcdefghijkl for user:s3cretpassword");
        assertThat(RpcErrorClassifier.describe(echo, url)).doesNotContain("abcdefghijkl").doesNotContain(
                "s3cretpassword");
    }

    @Test
    void shouldNotTakeAMethodNotYetSupportedForABlockNotYetThereIssue20Review() {
        assertThat(RpcErrorClassifier.ofJsonRpc(-32000, "method not yet supported").isTransient()).isFalse();
        assertThat(RpcErrorClassifier.ofJsonRpc(-32000, "block not yet available")).isEqualTo(
                RpcErrorKind.NOT_AVAILABLE_YET);
    }
}
