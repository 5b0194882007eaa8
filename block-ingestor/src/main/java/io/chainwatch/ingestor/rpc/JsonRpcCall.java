package io.chainwatch.ingestor.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON-RPC call whose result is read as it streams in, by a {@link ResultReader}, instead of through web3j's
 * object mapping: for the two answers that make up nearly all of the ingestor's bytes (a block with its transactions,
 * its receipts). The envelope is read as web3j reads it — a JSON-RPC error becomes the same
 * {@link JsonRpcErrorException} {@link RpcPool#send} throws, a missing result is a null one — so the pool, the
 * classifier and the capabilities see no difference.
 */
public final class JsonRpcCall {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

    /** Reads a result from the parser, positioned on its first token (VALUE_NULL for a null result). */
    @FunctionalInterface
    public interface ResultReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private JsonRpcCall() {
    }

    /**
     * Calls {@code method} on {@code endpoint}; returns what {@code reader} made of the result (null when the answer
     * has none).
     *
     * @throws JsonRpcErrorException when the call was answered with an error
     * @throws UncheckedIOException when the answer could not be read (a malformed one included)
     */
    public static <T> T call(RpcEndpoint endpoint, String method, List<Object> params, ResultReader<T> reader) {
        try {
            byte[] request = JSON.writeValueAsBytes(new Request(method, params));
            return endpoint.post(request, in -> read(in, reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Request(String jsonrpc, int id, String method, List<Object> params) {
        Request(String method, List<Object> params) {
            this("2.0", 1, method, params);
        }
    }

    /** The result of one JSON-RPC answer read from {@code in}. Visible for tests. */
    static <T> T read(InputStream in, ResultReader<T> reader) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            return read(parser, reader);
        }
    }

    static <T> T read(JsonParser parser, ResultReader<T> reader) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("a JSON-RPC answer is an object, got " + parser.currentToken());
        }
        T result = null;
        RuntimeException error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "result" -> result = reader.read(parser);
                case "error" -> error = value == JsonToken.VALUE_NULL ? null : error(parser);
                default -> parser.skipChildren();
            }
        }
        if (error != null) {
            throw error;
        }
        return result;
    }

    private static JsonRpcErrorException error(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return new JsonRpcErrorException(0, parser.getText());
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("a JSON-RPC error is an object, got " + parser.currentToken());
        }
        int code = 0;
        String message = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "code" -> code = parser.getValueAsInt(0);
                case "message" -> message = parser.getValueAsString("");
                default -> parser.skipChildren();
            }
        }
        return new JsonRpcErrorException(code, message);
    }
}
