package io.chainwatch.ingestor.rpc;

/** A JSON-RPC error object carried inside an HTTP 200 answer. */
public final class JsonRpcErrorException extends RuntimeException {

    private final int code;

    public JsonRpcErrorException(int code, String message) {
        super("JSON-RPC error " + code + ": " + message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
