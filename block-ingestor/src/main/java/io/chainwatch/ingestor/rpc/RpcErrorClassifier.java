package io.chainwatch.ingestor.rpc;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;

import org.web3j.protocol.exceptions.ClientConnectionException;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.failsafe.TimeoutExceededException;

/**
 * The one place that decides what an RPC failure means. It walks the cause chain, so a failure wrapped by web3j,
 * OkHttp or Failsafe is classified by its root:
 * <ul>
 * <li>HTTP 429 and 5xx, timeouts, refused or reset connections, malformed or truncated bodies →
 * {@link RpcFailure#SWITCH_ENDPOINT}</li>
 * <li>JSON-RPC errors inside HTTP 200: -32005 (limit exceeded), -32603 (internal), -32000 with "header not found" or
 * "unknown block" → {@link RpcFailure#NOT_AVAILABLE} for missing data, else {@link RpcFailure#SWITCH_ENDPOINT};
 * -32601 (method not found) → {@link RpcFailure#METHOD_UNSUPPORTED}; -32602 (invalid params) →
 * {@link RpcFailure#FATAL}</li>
 * <li>HTTP 4xx other than 429 (bad URL, auth) → {@link RpcFailure#SWITCH_ENDPOINT}: another endpoint may work</li>
 * </ul>
 */
public final class RpcErrorClassifier {

    private RpcErrorClassifier() {
    }

    public static RpcFailure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RpcException rpc) {
                return rpc.failure();
            }
            if (t instanceof JsonRpcErrorException json) {
                return classifyJsonRpc(json.code(), json.getMessage());
            }
            if (t instanceof TimeoutExceededException) {
                return RpcFailure.SWITCH_ENDPOINT; // the per-call Failsafe timeout
            }
            if (t instanceof BlockNotAvailableException) {
                return RpcFailure.NOT_AVAILABLE;
            }
            if (t instanceof ClientConnectionException) {
                return RpcFailure.SWITCH_ENDPOINT; // HTTP 429, 5xx, and 4xx such as a revoked API key
            }
            if (t instanceof JsonProcessingException || t instanceof SocketTimeoutException
                    || t instanceof ConnectException || t instanceof InterruptedIOException) {
                return RpcFailure.SWITCH_ENDPOINT;
            }
            if (t instanceof IOException) {
                return RpcFailure.SWITCH_ENDPOINT;
            }
        }
        return RpcFailure.SWITCH_ENDPOINT;
    }

    static RpcFailure classifyJsonRpc(int code, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return switch (code) {
            case -32601 -> RpcFailure.METHOD_UNSUPPORTED;
            case -32602, -32600 -> text.contains("block") ? RpcFailure.NOT_AVAILABLE : RpcFailure.FATAL;
            case -32000, -32001 -> text.contains("header not found") || text.contains("unknown block")
                    || text.contains("not found") ? RpcFailure.NOT_AVAILABLE : RpcFailure.SWITCH_ENDPOINT;
            default -> RpcFailure.SWITCH_ENDPOINT; // -32005 limit exceeded, -32603 internal, vendor codes
        };
    }

}
