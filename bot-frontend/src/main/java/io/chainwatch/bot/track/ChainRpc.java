package io.chainwatch.bot.track;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

/** One chain's nodes, as a lookup asks them: a JSON-RPC method and its parameters, its result back. */
@FunctionalInterface
public interface ChainRpc {

    /**
     * @return the {@code result} of the answer ({@code NullNode} when the node answered null)
     * @throws RpcError when the node answered with a JSON-RPC error (an answer: asking another node would not help)
     * @throws IOException when no node answered in time
     */
    JsonNode call(String method, Object... params) throws IOException;

    /** A JSON-RPC error answer: its code, message and {@code data} (revert data for {@code eth_call}). */
    final class RpcError extends IOException {
        private final int code;
        private final String data;

        public RpcError(int code, String message, String data) {
            super(message);
            this.code = code;
            this.data = data == null ? "" : data;
        }

        public int code() {
            return code;
        }

        /** The error's {@code data} as the node sent it (hex for revert data), or empty. */
        public String data() {
            return data;
        }
    }
}
