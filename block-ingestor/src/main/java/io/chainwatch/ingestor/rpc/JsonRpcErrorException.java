package io.chainwatch.ingestor.rpc;

/** A JSON-RPC error object carried inside an HTTP 200 answer (or a batch-level one). */
public final class JsonRpcErrorException extends RuntimeException {

    private final int code;
    private final String rpcMessage;

    public JsonRpcErrorException(int code, String message) {
        super("JSON-RPC error " + code + ": " + message);
        this.code = code;
        this.rpcMessage = message == null ? "" : message;
    }

    public int code() {
        return code;
    }

    /** The error's {@code message} as the endpoint sent it. */
    public String rpcMessage() {
        return rpcMessage;
    }
}
