package io.chainwatch.ingestor.rpc;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.web3j.protocol.exceptions.ClientConnectionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.TimeoutExceededException;

/**
 * The one place that decides what an RPC failure means, as one {@link RpcErrorKind}. It walks the cause chain, so a
 * failure wrapped by web3j, OkHttp or Failsafe is classified by its root. Clients and providers disagree on codes
 * (ganache says -32700 and hardhat -32004 where geth says -32601 for a method it lacks; -32005 is a rate limit on
 * Infura and a batch limit on Nethermind and Besu), so an answer is recognised in this order:
 * <ol>
 * <li>by its message, which is what clients agree on most ("does not exist/is not available", "is not supported",
 * "batch too large", "rate limit", "header not found" ...);</li>
 * <li>by its JSON-RPC code (-32601/-32004/-32604 unsupported, -32602/-32600/-32700 invalid params, -32005/429 rate
 * limited, -32001/-39001 not found);</li>
 * <li>by its HTTP status when there is no JSON-RPC error in the body (429 rate limited, 413 too large, 404/405/501
 * unsupported, 400 invalid params, 401/403 forbidden, 402 rate limited, other 4xx and 5xx server error).</li>
 * </ol>
 * Timeouts, refused or reset connections and bodies that are not JSON are {@link RpcErrorKind#UNREACHABLE}.
 */
public final class RpcErrorClassifier {

    private static final Pattern HTTP_STATUS = Pattern.compile("^Invalid response received: (\\d{3}); ?(.*)$",
            Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Message fragments, lower case, checked in this order: the first kind with a matching fragment wins. */
    private static final List<Rule> MESSAGE_RULES = List.of(
            // geth: "required historical state unavailable (reexec=128)"; path scheme: "historical state … is not
            // available"; hash scheme: "missing trie node"
            new Rule(RpcErrorKind.STATE_UNAVAILABLE, "historical state", "missing trie node"),
            new Rule(RpcErrorKind.FORBIDDEN, "project id settings", "unauthorized", "forbidden", "invalid api key",
                    "api key is invalid"),
            new Rule(RpcErrorKind.UNSUPPORTED_METHOD, "does not exist/is not available", "method not found",
                    "not supported", "does not support", "unsupported method", "method not enabled", "is disabled",
                    "not allowed", "not whitelisted", "tracer not found", "not available on", "not implemented",
                    "unimplemented", "not yet supported", "not yet implemented"),
            new Rule(RpcErrorKind.TOO_LARGE, "too large", "too big", "batch size", "batch limit",
                    "exceeds max batch", "size limit", "range limit", "block range", "more than"),
            new Rule(RpcErrorKind.RATE_LIMITED, "rate limit", "rate-limit", "ratelimit", "too many requests",
                    "rate exceeded", "limit exceeded", "limit reached", "compute units", "capacity",
                    "credit limit", "request count exceeded", "server is busy", "throttl"),
            // "not yet" alone would also catch "not yet supported": only a block or data not there yet
            new Rule(RpcErrorKind.NOT_AVAILABLE_YET, "header not found", "unknown block", "block not found",
                    "cannot find block", "resource not found", "no such block", "not yet available",
                    "not available yet", "block not yet", "not yet synced", "not yet processed"),
            new Rule(RpcErrorKind.INVALID_PARAMS, "invalid argument", "invalid params", "invalid type",
                    "incorrect number of arguments", "cannot unmarshal", "parse error"));

    private record Rule(RpcErrorKind kind, String... fragments) {
        boolean matches(String text) {
            for (String fragment : fragments) {
                if (text.contains(fragment)) {
                    return true;
                }
            }
            return false;
        }
    }

    private RpcErrorClassifier() {
    }

    /** What {@code error} means for the pool. */
    public static RpcFailure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RpcException rpc) {
                return rpc.failure(); // decided already, with the endpoint's context
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return kind(error).failure();
    }

    /** The kind of {@code error}, from the first cause that says something. */
    public static RpcErrorKind kind(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RpcException rpc && rpc.kind().isPresent()) {
                return rpc.kind().get();
            }
            if (t instanceof JsonRpcErrorException json) {
                return ofJsonRpc(json.code(), json.rpcMessage());
            }
            if (t instanceof BlockNotAvailableException) {
                return RpcErrorKind.NOT_AVAILABLE_YET;
            }
            if (t instanceof ClientConnectionException http) {
                return ofHttpMessage(http.getMessage());
            }
            if (t instanceof TimeoutExceededException || t instanceof JsonProcessingException
                    || t instanceof IOException) {
                return RpcErrorKind.UNREACHABLE; // the per-call timeout, socket failures, a truncated body
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return RpcErrorKind.UNREACHABLE;
    }

    /** A JSON-RPC error object: by its message first, then by its code. */
    public static RpcErrorKind ofJsonRpc(int code, String message) {
        return byMessage(message).orElseGet(() -> byCode(code));
    }

    /**
     * A non-2xx HTTP answer: the JSON-RPC error in its body if there is one (unless that only says "server error"),
     * else the words of the body, else the status.
     */
    public static RpcErrorKind ofHttp(int status, String body) {
        // providers explain themselves beside the message too (Infura's "details", "data")
        Optional<RpcErrorKind> fromBody = jsonRpcError(body).map(e -> ofJsonRpc(e.path("code").asInt(0), e.path(
                "message").asText("") + " " + e.path("details").asText("") + " "
                + (e.path("data").isTextual()
                        ? e.path("data").asText()
                        : "")));
        if (fromBody.isPresent() && fromBody.get() != RpcErrorKind.SERVER_ERROR) {
            return fromBody.get();
        }
        if (fromBody.isEmpty()) {
            Optional<RpcErrorKind> fromText = byMessage(body);
            if (fromText.isPresent()) {
                return fromText.get();
            }
        }
        return byStatus(status);
    }

    /**
     * One line saying what went wrong, for logs, {@code /health} and the follower's waiting message: the kind, then
     * only the JSON-RPC code and message or the HTTP status and its reason phrase (never a raw body, which may echo
     * the endpoint's URL and key; that is logged at debug only), never "null". URLs in it are cut to their host.
     */
    public static String describe(Throwable error) {
        return describe(error, null);
    }

    /**
     * Like {@link #describe(Throwable)}, with whatever looks like the path, query or user info of
     * {@code endpointUrl} (where API keys live) removed too.
     */
    public static String describe(Throwable error, String endpointUrl) {
        if (error instanceof CircuitBreakerOpenException) {
            return "breaker open after repeated failures";
        }
        if (error instanceof RpcException rpc && rpc.kind().isEmpty() && rpc.getCause() == null) {
            return ErrorText.safe(rpc.getMessage(), endpointUrl); // decided with its own words (a wrong chain id)
        }
        RpcErrorKind kind = kind(error);
        return kind.label() + " (" + ErrorText.safe(detail(error), endpointUrl) + ")";
    }

    /** {@code text} made safe to log and show like a description: URLs cut to their host, the endpoint's secrets out. */
    public static String safeText(String text, String endpointUrl) {
        return ErrorText.safe(text, endpointUrl);
    }

    private static String detail(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JsonRpcErrorException json) {
                return "JSON-RPC " + json.code() + ": " + json.rpcMessage();
            }
            if (t instanceof ClientConnectionException http) {
                Matcher m = HTTP_STATUS.matcher(http.getMessage() == null ? "" : http.getMessage());
                if (!m.matches()) {
                    return "no valid HTTP answer";
                }
                int status = Integer.parseInt(m.group(1));
                return "HTTP " + status + jsonRpcError(m.group(2)).map(e -> ", JSON-RPC " + e.path("code").asInt(0)
                        + ": " + e.path("message").asText("")).orElseGet(() -> ErrorText.reasonPhrase(status));
            }
            if (t instanceof TimeoutExceededException) {
                return "no answer within the timeout";
            }
            if (t.getCause() == null || t.getCause() == t) {
                String message = t.getMessage();
                return t.getClass().getSimpleName() + (message == null || message.isBlank()
                        ? ""
                        : ": " + message);
            }
        }
        return "no detail";
    }

    private static RpcErrorKind ofHttpMessage(String message) {
        Matcher m = HTTP_STATUS.matcher(message == null ? "" : message);
        return m.matches() ? ofHttp(Integer.parseInt(m.group(1)), m.group(2)) : RpcErrorKind.UNREACHABLE;
    }

    private static Optional<RpcErrorKind> byMessage(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return MESSAGE_RULES.stream().filter(rule -> rule.matches(text)).map(Rule::kind).findFirst();
    }

    private static RpcErrorKind byCode(int code) {
        return switch (code) {
            case -32601, -32004, -32604 -> RpcErrorKind.UNSUPPORTED_METHOD; // -32004: EIP-1474 "method not supported"
            case -32602, -32600, -32700 -> RpcErrorKind.INVALID_PARAMS;
            case -32005, 429 -> RpcErrorKind.RATE_LIMITED; // EIP-1474 "limit exceeded"; Alchemy/QuickNode put 429
            case -32001, -39001 -> RpcErrorKind.NOT_AVAILABLE_YET; // "resource not found"; Besu "unknown block"
            default -> RpcErrorKind.SERVER_ERROR; // -32603 internal, -32000 and vendor codes
        };
    }

    private static RpcErrorKind byStatus(int status) {
        return switch (status) {
            case 429, 402 -> RpcErrorKind.RATE_LIMITED; // 402: credits used up until the plan's next period
            case 401, 403 -> RpcErrorKind.FORBIDDEN; // a key not valid here, a method outside the key's allowlist
            case 413 -> RpcErrorKind.TOO_LARGE;
            case 404, 405, 501 -> RpcErrorKind.UNSUPPORTED_METHOD; // QuickNode: "incorrect URL or incorrect method"
            case 400 -> RpcErrorKind.INVALID_PARAMS;
            default -> RpcErrorKind.SERVER_ERROR; // 5xx, other 4xx
        };
    }

    /** The error object of a JSON-RPC answer (or of the first answer of a batch) in {@code body}, if any. */
    static Optional<JsonNode> jsonRpcError(String body) {
        String text = body == null ? "" : body.strip();
        if (!text.startsWith("{") && !text.startsWith("[")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode answer = node.isArray() && !node.isEmpty() ? node.get(0) : node;
            JsonNode error = answer.path("error");
            if (error.isObject()) {
                return Optional.of(error);
            }
            if (error.isTextual()) { // some gateways answer {"error":"rate limited"}
                return Optional.of(JSON.createObjectNode().put("code", 0).put("message", error.asText()));
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
